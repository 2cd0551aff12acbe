package dev.coderunner.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A user's rule for one environment: fire when {@code metric comparison threshold} holds for {@code forDuration},
 * resolve once the value is past {@code resolveThreshold} the other way; notify {@code channels} (ids).
 */
record AlertRule(String id, String app, String env, String name, AlertMetric metric, Comparison comparison, double threshold,
        Duration forDuration, double resolveThreshold, Severity severity, List<String> channels, boolean enabled,
        Instant createdAt, String createdBy, Instant updatedAt) {

    boolean breached(double value) {
        return comparison.breached(value, threshold);
    }

    boolean recovered(double value) {
        return comparison.recovered(value, resolveThreshold);
    }

    String expression() {
        return metric.wire() + " " + comparison.symbol() + " " + format(threshold);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
