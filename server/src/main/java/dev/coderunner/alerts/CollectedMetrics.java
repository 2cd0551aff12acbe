package dev.coderunner.alerts;

import java.util.OptionalDouble;

import dev.coderunner.metrics.MetricsService;
import org.springframework.stereotype.Component;

/** Alert rules read the figures the metrics capability collects (its newest sample of each environment). */
@Component
class CollectedMetrics implements MetricSource {

    private final MetricsService metrics;

    CollectedMetrics(MetricsService metrics) {
        this.metrics = metrics;
    }

    @Override
    public OptionalDouble current(String app, String env, String metric) {
        return metrics.current(app, env, metric);
    }
}
