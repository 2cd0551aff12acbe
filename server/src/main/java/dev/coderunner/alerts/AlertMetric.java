package dev.coderunner.alerts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The metrics an alert rule can watch, per environment, with their names on the wire. */
public enum AlertMetric {
    /** CPU use of the environment's instances, percent of one core, summed. */
    CPU_PERCENT("cpu_percent", "%"),
    /** Resident memory of the environment's instances, summed. */
    MEMORY_BYTES("memory_bytes", "bytes"),
    /** Requests per second through the router. */
    REQUESTS_PER_SECOND("requests_per_second", "req/s"),
    /** Share of 5xx answers, 0..1. */
    ERROR_RATE("error_rate", ""),
    /** 95th percentile latency through the router. */
    LATENCY_P95_MS("latency_p95_ms", "ms"),
    /** 99th percentile latency through the router. */
    LATENCY_P99_MS("latency_p99_ms", "ms"),
    /** Restarts of the environment's instances. */
    RESTARTS("restarts", ""),
    /** Instances currently failing their health check. */
    INSTANCES_UNHEALTHY("instances_unhealthy", "");

    private final String wire;
    private final String unit;

    AlertMetric(String wire, String unit) {
        this.wire = wire;
        this.unit = unit;
    }

    public String wire() {
        return wire;
    }

    public String unit() {
        return unit;
    }

    public static Optional<AlertMetric> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(AlertMetric::wire).toList();
    }
}
