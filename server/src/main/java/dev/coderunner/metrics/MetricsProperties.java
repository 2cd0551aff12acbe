package dev.coderunner.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of metrics collection and storage ({@code coderunner.metrics.*}).
 *
 * @param enabled      collect at all (the {@code /metrics} endpoint works either way)
 * @param interval     how often instances and the router are sampled; a divisor of 60 s, 1..60 s
 * @param rawRetention how long samples at full resolution are kept
 * @param retention    how long 1-minute and 10-minute samples are kept
 * @param maxSeries    most environments plus instances tracked at once; samples of further ones are dropped and counted
 * @param token        when set, {@code GET /metrics} needs {@code Authorization: Bearer <token>} ({@code CODERUNNER_METRICS_TOKEN})
 */
@ConfigurationProperties("coderunner.metrics")
public record MetricsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("1h") Duration rawRetention,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("2000") int maxSeries,
        @DefaultValue("") String token) {

    public MetricsProperties {
        long seconds = interval.toSeconds();
        if (interval.toMillis() % 1000 != 0 || seconds < 1 || seconds > 60 || 60 % seconds != 0) {
            throw new IllegalArgumentException("coderunner.metrics.interval must be whole seconds dividing 60 (1s..60s), was " + interval);
        }
        if (rawRetention.compareTo(Duration.ofMinutes(5)) < 0) {
            throw new IllegalArgumentException("coderunner.metrics.raw-retention must be at least 5m, was " + rawRetention);
        }
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("coderunner.metrics.retention must be at least 1h, was " + retention);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("coderunner.metrics.max-series must be >= 1, was " + maxSeries);
        }
    }

    static MetricsProperties defaults() {
        return new MetricsProperties(true, Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofDays(7), 2000, "");
    }

    int intervalSeconds() {
        return (int) interval.toSeconds();
    }
}
