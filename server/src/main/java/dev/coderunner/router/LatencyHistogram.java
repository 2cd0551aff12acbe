package dev.coderunner.router;

import java.util.concurrent.atomic.LongAdder;

/**
 * Request durations in fixed buckets, recorded without locks or allocation: a bucket is found by a
 * short scan of a constant array and counted in a {@link LongAdder}, which stays cheap when several
 * event loops record at once.
 */
final class LatencyHistogram {

    private final LongAdder[] buckets = new LongAdder[RouteStats.LATENCY_BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        long[] bounds = RouteStats.LATENCY_BOUNDS_NANOS;
        int i = 0;
        while (i < bounds.length && nanos > bounds[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(Math.max(0, nanos));
    }

    /** Counts per bucket (not cumulative); the last one is above the highest bound. */
    long[] counts() {
        long[] out = new long[buckets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = buckets[i].sum();
        }
        return out;
    }

    long sumNanos() {
        return sumNanos.sum();
    }
}
