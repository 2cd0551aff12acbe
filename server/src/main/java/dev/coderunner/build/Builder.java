package dev.coderunner.build;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/** Runs a manifest's build in the slug folder, streaming every output line to {@code output}. */
@Component
public class Builder {

    public BuildResult build(Path slugDir, Manifest manifest, Map<String, String> env, Consumer<String> output) {
        throw new UnsupportedOperationException("TODO(build helper)");
    }
}
