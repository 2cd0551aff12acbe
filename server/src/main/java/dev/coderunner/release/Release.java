package dev.coderunner.release;

import java.time.Instant;
import dev.coderunner.build.Manifest;
import dev.coderunner.config.ConfigSnapshot;

/**
 * An immutable, numbered pair of slug and config snapshot, plus the manifest that says how to run it.
 * Rolling back deploys an older release's slug and config together.
 */
public record Release(String app, String env, int version, String slug, ConfigSnapshot config, Manifest manifest,
        String description, String deploymentId, Instant createdAt, String createdBy) {

    public String label() {
        return "v" + version;
    }
}
