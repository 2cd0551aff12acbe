package dev.coderunner.runtime;

import java.time.Instant;
import java.util.List;

/**
 * What the API and dashboard show of one instance: its state, health history (newest last), restart
 * count, how it last ended ({@code lastExitCode}, or {@code lastSignal} when it was killed by one) and
 * whether it is crash-looping.
 */
public record InstanceView(String id, String uid, String app, String env, String processType, int release, String state, Long pid, int port,
        int restarts, Instant startedAt, Long uptimeSeconds, Integer lastExitCode, Integer lastSignal, boolean crashLoop, String reason,
        List<Transition> history) {

    /** One state change, with why it happened when there is a reason (a failed check, an exit). */
    public record Transition(Instant time, String from, String to, String reason) {
    }
}
