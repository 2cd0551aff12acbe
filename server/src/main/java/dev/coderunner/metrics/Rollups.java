package dev.coderunner.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.coderunner.router.RouteStats;

/**
 * Makes the coarser samples (1, 5 and 30 min) from the stream of full-resolution ones, as they arrive:
 * each series has one open accumulator per coarser step, emitted when its period has passed. State is
 * one accumulator per series and step, so memory is bounded by the series count. After a restart,
 * {@link RollupReplay} fills the accumulators again from the stored samples. Not thread-safe: the
 * collector calls it from its one thread.
 */
final class Rollups {

    private record Key(int step, String app, String env, String instance) {
    }

    private static final class Accumulator {
        final long start;
        final String processType;
        final double[] sum = new double[Field.ALL.length];
        final int[] count = new int[Field.ALL.length];
        final double[] last = Field.empty();
        final double[] max = Field.empty();
        final long[] latency = new long[RouteStats.LATENCY_BOUNDS_SECONDS.length + 1];

        Accumulator(long start, String processType) {
            this.start = start;
            this.processType = processType;
        }
    }

    private final int[] steps;
    private final Map<Key, Accumulator> open = new HashMap<>();

    Rollups(int... steps) {
        this.steps = steps.clone();
    }

    /** Adds a full-resolution sample (and, for an environment, its latency histogram for that interval); returns samples it completed. */
    List<Point> add(Point p, long[] latency) {
        List<Point> done = new ArrayList<>();
        for (int step : steps) {
            add(step, p, latency, done);
        }
        return done;
    }

    /** Adds a sample to the accumulator of one step only (a replay feeds each step from its own start); completed ones go to {@code done}. */
    void add(int step, Point p, long[] latency, List<Point> done) {
        Key key = new Key(step, p.app(), p.env(), p.instance());
        long start = Math.floorDiv(p.epochSecond(), step) * step;
        Accumulator acc = open.get(key);
        if (acc != null && acc.start != start) {
            done.add(emit(key, acc));
            acc = null;
        }
        if (acc == null) {
            acc = new Accumulator(start, p.processType());
            open.put(key, acc);
        }
        accumulate(acc, p.values(), latency);
    }

    int[] steps() {
        return steps.clone();
    }

    /** Emits every accumulator whose period ended at or before {@code nowEpoch} (including series that stopped reporting). */
    List<Point> flush(long nowEpoch) {
        List<Point> done = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Accumulator>> it = open.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Accumulator> e = it.next();
            if (e.getValue().start + e.getKey().step() <= nowEpoch) {
                done.add(emit(e.getKey(), e.getValue()));
                it.remove();
            }
        }
        return done;
    }

    int openCount() {
        return open.size();
    }

    private static void accumulate(Accumulator acc, double[] values, long[] latency) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            acc.sum[i] += v;
            acc.count[i]++;
            acc.last[i] = v;
            acc.max[i] = Double.isNaN(acc.max[i]) ? v : Math.max(acc.max[i], v);
        }
        if (latency != null) {
            for (int i = 0; i < latency.length; i++) {
                acc.latency[i] += latency[i];
            }
        }
    }

    private static Point emit(Key key, Accumulator acc) {
        double[] values = Field.empty();
        for (Field f : Field.ALL) {
            int i = f.ordinal();
            if (f.rollup == Field.Rollup.HISTOGRAM) {
                continue;
            }
            if (acc.count[i] == 0) {
                continue;
            }
            values[i] = switch (f.rollup) {
                case MEAN -> acc.sum[i] / acc.count[i];
                case SUM -> acc.sum[i];
                case LAST -> acc.last[i];
                case MAX -> acc.max[i];
                case HISTOGRAM -> Double.NaN;
            };
        }
        if (Arrays.stream(acc.latency).anyMatch(n -> n > 0)) {
            values[Field.LATENCY_P50_MS.ordinal()] = Percentiles.quantileMs(acc.latency, 0.50);
            values[Field.LATENCY_P95_MS.ordinal()] = Percentiles.quantileMs(acc.latency, 0.95);
            values[Field.LATENCY_P99_MS.ordinal()] = Percentiles.quantileMs(acc.latency, 0.99);
        }
        return new Point(key.step(), key.app(), key.env(), key.instance(), acc.processType, acc.start, values);
    }
}
