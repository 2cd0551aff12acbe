package dev.coderunner.metrics;

import java.time.Duration;

import dev.coderunner.web.ApiException;

/** The ranges charts offer, and the stored resolution each reads: fine for the recent ones, roll-ups for the long ones. */
enum MetricsRange {
    FIVE_MINUTES("5m", Duration.ofMinutes(5), 0),
    ONE_HOUR("1h", Duration.ofHours(1), 0),
    ONE_DAY("24h", Duration.ofDays(1), 60),
    SEVEN_DAYS("7d", Duration.ofDays(7), 600);

    final String wire;
    final Duration length;
    private final int step;

    MetricsRange(String wire, Duration length, int step) {
        this.wire = wire;
        this.length = length;
        this.step = step;
    }

    /** Seconds between points: the collection interval for short ranges (step 0), else the roll-up step. */
    int step(int interval) {
        return step == 0 ? interval : Math.max(step, interval);
    }

    static MetricsRange parse(String wire) {
        for (MetricsRange r : values()) {
            if (r.wire.equals(wire)) {
                return r;
            }
        }
        throw ApiException.badRequest("invalid-range", "range must be one of 5m, 1h, 24h, 7d; was '"
                + (wire.length() > 20 ? wire.substring(0, 20) + "…" : wire) + "'.");
    }
}
