package dev.coderunner.metrics;

import java.time.Duration;

import dev.coderunner.web.ApiException;

/**
 * The ranges charts offer, and the stored resolution each reads: fine for the recent ones, roll-ups for the
 * long ones, chosen so that a chart gets about 300 points (a chart is not wider than that in useful detail,
 * and answers stay small: 24 h at 1 min was 1,440 points per figure and instance). A long range can also be
 * asked for at a finer stored step, down to 1 minute.
 */
enum MetricsRange {
    FIVE_MINUTES("5m", Duration.ofMinutes(5), 0),
    ONE_HOUR("1h", Duration.ofHours(1), 0),
    ONE_DAY("24h", Duration.ofDays(1), 300, 60),
    SEVEN_DAYS("7d", Duration.ofDays(7), 1800, 300, 60);

    final String wire;
    final Duration length;
    private final int step;
    private final int[] finer;

    MetricsRange(String wire, Duration length, int step, int... finer) {
        this.wire = wire;
        this.length = length;
        this.step = step;
        this.finer = finer;
    }

    /** Seconds between points: the collection interval for short ranges (step 0), else the roll-up step. */
    int step(int interval) {
        return step == 0 ? interval : Math.max(step, interval);
    }

    /** The step asked for ({@code null}: the range's own), checked against the resolutions stored for this range. */
    int step(int interval, Integer requested) {
        int own = step(interval);
        if (requested == null || requested == own) {
            return own;
        }
        for (int f : finer) {
            if (f == requested && f > interval) {
                return f;
            }
        }
        throw ApiException.badRequest("invalid-step", "step for range " + wire + " must be one of " + offered(own, interval)
                + " (seconds); was " + requested + ".");
    }

    private String offered(int own, int interval) {
        StringBuilder s = new StringBuilder().append(own);
        for (int f : finer) {
            if (f > interval) {
                s.append(", ").append(f);
            }
        }
        return s.toString();
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
