package dev.coderunner.router;

/**
 * A point-in-time copy of what the router counted for one environment since it started: requests by
 * status class, body bytes, requests in flight and a latency histogram. All counts are cumulative;
 * readers (the metrics collector, {@code /metrics}) take differences between two copies.
 *
 * @param app             the app, or {@code _unknown} for requests to hosts no app has
 * @param env             the environment
 * @param byStatusClass   requests finished per status class: index 0 = 1xx … 4 = 5xx
 * @param bytesIn         request body bytes received from clients
 * @param bytesOut        response body bytes sent to clients
 * @param inFlight        requests being proxied now
 * @param latencyBuckets  finished requests per latency bucket (not cumulative), bounds in {@link #LATENCY_BOUNDS_SECONDS}, last = above
 * @param latencySumNanos the sum of all durations
 */
public record RouteStats(String app, String env, long[] byStatusClass, long bytesIn, long bytesOut, long inFlight,
        long[] latencyBuckets, long latencySumNanos) {

    /** Status classes in the order of {@link #byStatusClass}. */
    public static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    /** Upper bounds of the latency buckets, in seconds; fine enough below 1 s for useful p95/p99 estimates. */
    public static final double[] LATENCY_BOUNDS_SECONDS = {
        0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75,
        1, 1.5, 2.5, 5, 10, 30, 60};

    static final long[] LATENCY_BOUNDS_NANOS = new long[LATENCY_BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < LATENCY_BOUNDS_SECONDS.length; i++) {
            LATENCY_BOUNDS_NANOS[i] = Math.round(LATENCY_BOUNDS_SECONDS[i] * 1e9);
        }
    }

    /** All finished requests. */
    public long requests() {
        long total = 0;
        for (long n : byStatusClass) {
            total += n;
        }
        return total;
    }
}
