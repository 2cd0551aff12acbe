package dev.coderunner.health;

import java.time.Duration;

/**
 * How an instance's health is judged. {@code path == null} means a TCP connect check on the
 * instance's port; otherwise an HTTP GET of {@code path} that must answer 2xx or 3xx.
 */
public record HealthCheckSpec(String path, Duration interval, Duration timeout, int retries, Duration grace) {

    public static final HealthCheckSpec DEFAULT = new HealthCheckSpec(null, Duration.ofSeconds(10), Duration.ofSeconds(5), 3,
            Duration.ofSeconds(60));
}
