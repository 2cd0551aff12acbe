package dev.coderunner.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The figures the API, the WebSocket channel and {@link MetricsService#current} show, computed from a
 * stored sample. Counted fields become rates per second of the sample's step; environment CPU and
 * memory come as a mean per instance and as a total.
 */
enum Figure {
    CPU_PERCENT("cpu_percent", Scope.BOTH) {
        @Override
        double of(Point p) {
            return p.isEnvironment() ? perInstance(p, Field.CPU_PERCENT) : p.get(Field.CPU_PERCENT);
        }
    },
    CPU_PERCENT_TOTAL("cpu_percent_total", Scope.ENVIRONMENT) {
        @Override
        double of(Point p) {
            return p.get(Field.CPU_PERCENT);
        }
    },
    MEMORY_BYTES("memory_bytes", Scope.BOTH) {
        @Override
        double of(Point p) {
            return p.isEnvironment() ? perInstance(p, Field.MEMORY_BYTES) : p.get(Field.MEMORY_BYTES);
        }
    },
    MEMORY_BYTES_TOTAL("memory_bytes_total", Scope.ENVIRONMENT) {
        @Override
        double of(Point p) {
            return p.get(Field.MEMORY_BYTES);
        }
    },
    THREADS("threads", Scope.BOTH),
    OPEN_FILES("open_files", Scope.BOTH),
    RESTARTS("restarts", Scope.BOTH),
    UPTIME_SECONDS("uptime_seconds", Scope.INSTANCE),
    INSTANCES("instances", Scope.ENVIRONMENT),
    INSTANCES_UNHEALTHY("instances_unhealthy", Scope.ENVIRONMENT) {
        @Override
        double of(Point p) {
            return p.get(Field.UNHEALTHY);
        }
    },
    UNHEALTHY("unhealthy", Scope.INSTANCE),
    REQUESTS_PER_SECOND("requests_per_second", Scope.ENVIRONMENT) {
        @Override
        double of(Point p) {
            return p.get(Field.REQUESTS) / p.step();
        }
    },
    STATUS_1XX_PER_SECOND("status_1xx_per_second", Scope.ENVIRONMENT),
    STATUS_2XX_PER_SECOND("status_2xx_per_second", Scope.ENVIRONMENT),
    STATUS_3XX_PER_SECOND("status_3xx_per_second", Scope.ENVIRONMENT),
    STATUS_4XX_PER_SECOND("status_4xx_per_second", Scope.ENVIRONMENT),
    STATUS_5XX_PER_SECOND("status_5xx_per_second", Scope.ENVIRONMENT),
    ERROR_RATE("error_rate", Scope.ENVIRONMENT) {
        @Override
        double of(Point p) {
            double requests = p.get(Field.REQUESTS);
            return requests == 0 ? 0 : p.get(Field.STATUS_5XX) / requests;
        }
    },
    BYTES_IN_PER_SECOND("bytes_in_per_second", Scope.ENVIRONMENT),
    BYTES_OUT_PER_SECOND("bytes_out_per_second", Scope.ENVIRONMENT),
    IN_FLIGHT("in_flight", Scope.ENVIRONMENT),
    LATENCY_P50_MS("latency_p50_ms", Scope.ENVIRONMENT),
    LATENCY_P95_MS("latency_p95_ms", Scope.ENVIRONMENT),
    LATENCY_P99_MS("latency_p99_ms", Scope.ENVIRONMENT);

    enum Scope { ENVIRONMENT, INSTANCE, BOTH }

    static final List<Figure> FOR_ENVIRONMENT = Stream.of(values()).filter(f -> f.scope != Scope.INSTANCE).toList();
    static final List<Figure> FOR_INSTANCE = Stream.of(values()).filter(f -> f.scope != Scope.ENVIRONMENT).toList();

    final String wire;
    final Scope scope;
    /** The same-named stored field, when there is one (looked up once: charts call {@link #of} a lot). */
    private final Field field;

    Figure(String wire, Scope scope) {
        this.wire = wire;
        this.scope = scope;
        this.field = java.util.Arrays.stream(Field.values()).filter(f -> f.name().equals(name().replace("_PER_SECOND", "")))
                .findFirst().orElse(null);
    }

    /** The figure's value in {@code p}; NaN when not measured. By default the same-named field, per second when summed. */
    double of(Point p) {
        double v = p.get(field);
        return field.rollup == Field.Rollup.SUM ? v / p.step() : v;
    }

    static Figure byWire(String wire) {
        for (Figure f : values()) {
            if (f.wire.equals(wire)) {
                return f;
            }
        }
        return null;
    }

    /** The figures of one sample as a JSON-ready map (NaN becomes null). */
    static Map<String, Double> all(Point p) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Figure f : p.isEnvironment() ? FOR_ENVIRONMENT : FOR_INSTANCE) {
            out.put(f.wire, finite(f.of(p)));
        }
        return out;
    }

    /** As {@link #finite}, rounded to 4 significant digits (what a chart can show), to keep answers small. */
    static Double compact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        if (v == 0) {
            return 0.0;
        }
        int decimals = 3 - (int) Math.floor(Math.log10(Math.abs(v)));
        if (decimals >= 0) {
            double scale = Math.pow(10, decimals);
            return Math.round(v * scale) / scale;
        }
        double scale = Math.pow(10, -decimals);
        return Math.round(v / scale) * scale;
    }

    static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static double perInstance(Point p, Field total) {
        double n = p.get(Field.INSTANCES);
        return n > 0 ? p.get(total) / n : Double.NaN;
    }
}
