package dev.coderunner.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The sample apps in the repository's {@code examples/} folder, for tests that build or run them. */
public final class Examples {

    private Examples() {
    }

    /** {@code examples/<name>} in the repository, found from the test's working folder upward. */
    public static Path dir(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path example = dir.resolve("examples").resolve(name);
            if (Files.isDirectory(example)) {
                return example;
            }
        }
        throw new IllegalStateException("no examples/" + name + " above " + Path.of("").toAbsolutePath());
    }

    /** A copy of the example in {@code target}, so a build's output (node_modules, .venv) stays out of the repository. */
    public static Path copy(String name, Path target) {
        Path source = dir(name);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                String relative = source.relativize(path).toString();
                if (relative.startsWith("node_modules") || relative.startsWith(".venv") || relative.startsWith("target")) {
                    continue;
                }
                Path copy = target.resolve(relative);
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
