package dev.coderunner.build;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

/** Decides how a source is built and run, like Heroku's buildpacks, with coderunner.yaml and Procfile first. */
@Component
public class BuildDetector {

    /** The manifest for the source in {@code sourceDir}; an invalid coderunner.yaml or undetectable source is a 422. */
    public Manifest detect(Path sourceDir) {
        throw new UnsupportedOperationException("TODO(build helper)");
    }
}
