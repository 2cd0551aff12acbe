package dev.coderunner.runtime;

import java.time.Instant;

/** What the API and dashboard show of one instance. */
public record InstanceView(String id, String uid, String app, String env, String processType, int release, String state, Long pid, int port,
        int restarts, Instant startedAt, Long uptimeSeconds, Integer lastExitCode, String reason) {
}
