package dev.coderunner.app;

import java.time.Instant;
import java.util.Map;

/**
 * The spec of a deploy target: which release should run ({@code currentRelease}, null before the first
 * deploy), how many instances of each process type ({@code formation}), and whether it should run at all.
 */
public record Environment(String app, String name, Instant createdAt, Integer currentRelease, Map<String, Integer> formation,
        DesiredState desiredState) {

    public enum DesiredState {
        RUNNING, STOPPED
    }

    public boolean shouldRun() {
        return desiredState == DesiredState.RUNNING && currentRelease != null;
    }
}
