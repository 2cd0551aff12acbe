package dev.coderunner.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to run for one instance: the process type's command in the release's slug folder, with its
 * environment (config included, so never logged or written to disk) and its port (0 when not routed).
 * {@code uid} is unique per instance slot; {@code id()} is the name users see ({@code web.1}).
 */
public record InstanceSpec(String uid, String app, String env, int release, String processType, int index, String command,
        Path workDir, Map<String, String> environment, int port) {

    public String id() {
        return processType + "." + index;
    }

    public boolean routed() {
        return port > 0;
    }
}
