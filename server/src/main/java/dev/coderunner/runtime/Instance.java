package dev.coderunner.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.coderunner.health.HealthCheckSpec;

/** The supervisor's mutable record of one instance slot; guarded by the supervisor. */
final class Instance {

    final InstanceSpec spec;
    final HealthCheckSpec health;
    final AtomicBoolean probing = new AtomicBoolean();
    volatile InstanceHandle handle;
    volatile InstanceState state = InstanceState.STARTING;
    volatile boolean retiring;
    volatile Instant launchedAt;
    volatile Instant nextProbeAt;
    volatile Instant restartAt;
    volatile int restarts;
    volatile int consecutiveCrashes;
    volatile int failedChecks;
    volatile Integer lastExitCode;
    volatile String reason;

    Instance(InstanceSpec spec, HealthCheckSpec health) {
        this.spec = spec;
        this.health = health;
    }

    InstanceView view(Clock clock) {
        InstanceHandle h = handle;
        boolean up = h != null && state != InstanceState.CRASHED && state != InstanceState.STOPPED;
        Long uptime = up && launchedAt != null ? Duration.between(launchedAt, clock.instant()).toSeconds() : null;
        return new InstanceView(spec.id(), spec.uid(), spec.app(), spec.env(), spec.processType(), spec.release(), state.wire(),
                up ? h.pid() : null, spec.port(), restarts, launchedAt, uptime, lastExitCode, reason);
    }

    /** Exponential backoff for restarts after a crash: 1 s, 2 s, 4 s … capped at 60 s. */
    Duration backoff() {
        return Duration.ofSeconds(Math.min(60, 1L << Math.min(consecutiveCrashes - 1, 6)));
    }
}
