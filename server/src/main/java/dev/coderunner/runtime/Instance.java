package dev.coderunner.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.coderunner.health.HealthCheckSpec;

/** The supervisor's mutable record of one instance slot; guarded by the supervisor. */
final class Instance {

    private static final int HISTORY = 20;

    final InstanceSpec spec;
    final HealthCheckSpec health;
    final AtomicBoolean probing = new AtomicBoolean();
    private final Deque<InstanceView.Transition> history = new ArrayDeque<>();
    private final Deque<Instant> crashes = new ArrayDeque<>();
    volatile InstanceHandle handle;
    volatile InstanceState state = InstanceState.STARTING;
    volatile boolean retiring;
    volatile boolean crashLoop;
    volatile Instant launchedAt;
    volatile Instant nextProbeAt;
    volatile Instant restartAt;
    volatile Instant unhealthySince;
    volatile int restarts;
    volatile int consecutiveCrashes;
    volatile int failedChecks;
    volatile int passedChecks;
    volatile Integer lastExitCode;
    volatile String reason;

    Instance(InstanceSpec spec, HealthCheckSpec health) {
        this.spec = spec;
        this.health = health;
    }

    synchronized void record(Instant time, InstanceState from, InstanceState to, String why) {
        history.addLast(new InstanceView.Transition(time, from.wire(), to.wire(), why));
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    /** Notes a crash; true when there were {@code limit} or more within {@code window}. */
    synchronized boolean crashedAndLooping(Instant now, int limit, Duration window) {
        crashes.addLast(now);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(window))) {
            crashes.removeFirst();
        }
        return crashes.size() >= limit;
    }

    synchronized InstanceView view(Clock clock) {
        InstanceHandle h = handle;
        boolean up = h != null && state != InstanceState.CRASHED && state != InstanceState.STOPPED;
        Long uptime = up && launchedAt != null ? Duration.between(launchedAt, clock.instant()).toSeconds() : null;
        Integer code = lastExitCode;
        // sh reports a death by signal N as exit code 128 + N.
        Integer signal = code != null && code > 128 && code < 160 ? code - 128 : null;
        return new InstanceView(spec.id(), spec.uid(), spec.app(), spec.env(), spec.processType(), spec.release(), state.wire(),
                up ? h.pid() : null, spec.port(), restarts, launchedAt, uptime, signal == null ? code : null, signal, crashLoop, reason,
                List.copyOf(history));
    }

    /** Exponential backoff for restarts after a crash: 1 s, 2 s, 4 s … capped at {@code cap}. */
    Duration backoff(Duration cap) {
        Duration delay = Duration.ofSeconds(1L << Math.min(consecutiveCrashes - 1, 10));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
