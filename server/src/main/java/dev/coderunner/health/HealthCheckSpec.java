package dev.coderunner.health;

import java.time.Duration;

/**
 * How an instance's health is judged. The kind follows from what is set: a {@code command} (run in the
 * slug folder, healthy when it exits 0), else an HTTP GET of {@code path} whose status must fall in
 * {@code statusMin..statusMax}, else a TCP connect to the instance's port.
 * {@code retries} failures in a row make a healthy instance unhealthy; {@code successes} passes in a
 * row make it healthy; failures during the start-up {@code grace} do not count.
 */
public record HealthCheckSpec(String path, Duration interval, Duration timeout, int retries, Duration grace, int successes,
        String command, int statusMin, int statusMax) {

    public static final HealthCheckSpec DEFAULT = new HealthCheckSpec(null, Duration.ofSeconds(10), Duration.ofSeconds(5), 3,
            Duration.ofSeconds(60));

    public HealthCheckSpec {
        // Releases stored before a field existed read back with it empty: fill in the defaults.
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        grace = grace == null ? Duration.ofSeconds(60) : grace;
        retries = retries <= 0 ? 3 : retries;
        successes = successes <= 0 ? 1 : successes;
        statusMin = statusMin <= 0 ? 200 : statusMin;
        statusMax = statusMax <= 0 ? 399 : statusMax;
    }

    public HealthCheckSpec(String path, Duration interval, Duration timeout, int retries, Duration grace) {
        this(path, interval, timeout, retries, grace, 1, null, 200, 399);
    }

    /** {@code tcp}, {@code http} or {@code command}. */
    public String kind() {
        return command != null ? "command" : path != null ? "http" : "tcp";
    }
}
