package dev.coderunner.metrics;

/**
 * One figure of a stored sample, and how samples of it combine into a coarser one. Values are
 * doubles; {@code NaN} means "not measured" and is stored as SQL NULL.
 */
enum Field {
    CPU_PERCENT("cpu_percent", Rollup.MEAN),
    MEMORY_BYTES("memory_bytes", Rollup.MEAN),
    THREADS("threads", Rollup.MEAN),
    OPEN_FILES("open_files", Rollup.MEAN),
    RESTARTS("restarts", Rollup.LAST),
    UPTIME_SECONDS("uptime_seconds", Rollup.LAST),
    INSTANCES("instances", Rollup.LAST),
    UNHEALTHY("unhealthy", Rollup.MAX),
    REQUESTS("requests", Rollup.SUM),
    STATUS_1XX("status_1xx", Rollup.SUM),
    STATUS_2XX("status_2xx", Rollup.SUM),
    STATUS_3XX("status_3xx", Rollup.SUM),
    STATUS_4XX("status_4xx", Rollup.SUM),
    STATUS_5XX("status_5xx", Rollup.SUM),
    BYTES_IN("bytes_in", Rollup.SUM),
    BYTES_OUT("bytes_out", Rollup.SUM),
    IN_FLIGHT("in_flight", Rollup.MEAN),
    LATENCY_P50_MS("latency_p50_ms", Rollup.HISTOGRAM),
    LATENCY_P95_MS("latency_p95_ms", Rollup.HISTOGRAM),
    LATENCY_P99_MS("latency_p99_ms", Rollup.HISTOGRAM);

    /** How a coarser sample is made from finer ones. */
    enum Rollup {
        /** Average of the samples (gauges). */
        MEAN,
        /** The last sample (counts that only grow, like restarts). */
        LAST,
        /** The highest sample (so a short spell of trouble stays visible). */
        MAX,
        /** Total over the period (events counted per sample). */
        SUM,
        /** Recomputed from the merged latency histogram of the period, so percentiles stay exact to the bucket. */
        HISTOGRAM
    }

    static final Field[] ALL = values();
    static final Field[] STATUS = {STATUS_1XX, STATUS_2XX, STATUS_3XX, STATUS_4XX, STATUS_5XX};

    final String column;
    final Rollup rollup;

    Field(String column, Rollup rollup) {
        this.column = column;
        this.rollup = rollup;
    }

    static double[] empty() {
        double[] values = new double[ALL.length];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }
}
