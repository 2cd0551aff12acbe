package dev.coderunner.alerts;

import java.util.OptionalDouble;

/**
 * Where alert rules read the current value of a metric of an environment. The metrics capability
 * provides it; without one, rules over metrics are not evaluated and show the state {@code no-data}.
 */
public interface MetricSource {

    /**
     * The latest value of {@code metric} (one of {@link AlertMetric}'s wire names, e.g. {@code cpu_percent})
     * for the environment, or empty when nothing recent is known.
     */
    OptionalDouble current(String app, String env, String metric);
}
