package dev.coderunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The data folder ({@code CODERUNNER_HOME}, default {@code ~/.coderunner}) and its well-known sub-folders. */
@Component
public class CodeRunnerHome {

    private final Path root;

    public CodeRunnerHome(@Value("${coderunner.home}") Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create CODERUNNER_HOME " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-folder of the home, created on first use. */
    public Path dir(String first, String... more) {
        Path dir = root.resolve(Path.of(first, more));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
