package dev.coderunner.metrics;

import dev.coderunner.router.RouteStats;

/** Latency percentiles estimated from histogram bucket counts, the way PromQL's {@code histogram_quantile} does. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * The {@code q}-quantile (0..1) in milliseconds, interpolating linearly inside the bucket it falls
     * in; NaN when the counts are all zero. Above the highest bound, that bound is the answer.
     */
    static double quantileMs(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double[] bounds = RouteStats.LATENCY_BOUNDS_SECONDS;
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                if (i >= bounds.length) {
                    return bounds[bounds.length - 1] * 1000;
                }
                double lower = i == 0 ? 0 : bounds[i - 1];
                double fraction = (rank - below) / counts[i];
                return (lower + (bounds[i] - lower) * fraction) * 1000;
            }
            below += counts[i];
        }
        return bounds[bounds.length - 1] * 1000;
    }

    /**
     * A histogram that gives back a stored sample's percentiles, to merge it into a roll-up when its real
     * histogram is gone (samples replayed after a restart): half its requests in the p50 bucket, up to 95 %
     * in the p95 bucket, the rest in the p99 one. Null for an instance or a sample without traffic.
     */
    static long[] approximate(Point p) {
        double requests = p.get(Field.REQUESTS);
        double p50 = p.get(Field.LATENCY_P50_MS);
        if (!p.isEnvironment() || Double.isNaN(requests) || requests < 1 || Double.isNaN(p50)) {
            return null;
        }
        long n = Math.round(requests);
        long half = (n + 1) / 2;
        long most = Math.max(half, (long) Math.ceil(n * 0.95 - 1e-9));
        long[] counts = new long[RouteStats.LATENCY_BOUNDS_SECONDS.length + 1];
        counts[bucketOf(p50)] += half;
        counts[bucketOf(orElse(p.get(Field.LATENCY_P95_MS), p50))] += most - half;
        counts[bucketOf(orElse(p.get(Field.LATENCY_P99_MS), p50))] += n - most;
        return counts;
    }

    /** The bucket a value of {@link #quantileMs} came from: the first whose bound is not below it (stored as REAL: a little slack). */
    private static int bucketOf(double ms) {
        double[] bounds = RouteStats.LATENCY_BOUNDS_SECONDS;
        int i = 0;
        while (i < bounds.length - 1 && ms > bounds[i] * 1000 * (1 + 1e-6)) {
            i++;
        }
        return i;
    }

    private static double orElse(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    /** {@code now - before}, bucket by bucket; a negative difference (a counter reset) counts as {@code now}. */
    static long[] delta(long[] now, long[] before) {
        long[] out = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            long d = before == null ? now[i] : now[i] - before[i];
            out[i] = d < 0 ? now[i] : d;
        }
        return out;
    }
}
