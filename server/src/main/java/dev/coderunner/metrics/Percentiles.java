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
