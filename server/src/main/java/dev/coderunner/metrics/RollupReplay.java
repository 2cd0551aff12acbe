package dev.coderunner.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds, when the collector starts, the roll-up periods the previous control plane left open. Their
 * accumulators lived only in its memory, but the full-resolution samples they were made of are stored:
 * replaying every sample of the periods not yet written (those after the newest roll-up of each step)
 * makes the first roll-ups written after a restart cover the time before it as well, and never writes
 * a period twice. Where the full-resolution samples of a long period are already pruned (a
 * {@code raw-retention} shorter than the step), the finest roll-ups stand in for them.
 *
 * <p>Cost, once: a MAX or MIN per resolution and one range read of samples for all series together
 * (two where finest roll-ups stand in): those of the open 30-minute period, never more than
 * {@code raw-retention} holds (all of them only when no roll-up was ever written).
 */
final class RollupReplay {

    private final MetricsStore store;
    private final int rawStep;

    RollupReplay(MetricsStore store, int rawStep) {
        this.store = store;
        this.rawStep = rawStep;
    }

    /** Replays the stored samples of the open periods into {@code rollups}; returns the roll-ups of periods that ended meanwhile. */
    List<Point> into(Rollups rollups) {
        Optional<Long> oldestRaw = store.oldest(rawStep);
        int[] steps = rollups.steps();
        if (oldestRaw.isEmpty() || steps.length == 0) {
            return List.of();
        }
        long[] from = new long[steps.length];   // the first period of the step not written yet
        long[] rawAfter = new long[steps.length];   // where the step's replay switches from finest roll-ups to samples
        plan(steps, oldestRaw.get(), from, rawAfter);
        List<Point> done = new ArrayList<>();
        replayFinest(rollups, steps, from, rawAfter, done);
        store.each(rawStep, Arrays.stream(rawAfter).min().orElseThrow(), Long.MAX_VALUE, p -> {
            long[] latency = Percentiles.approximate(p);
            for (int i = 0; i < steps.length; i++) {
                if (p.epochSecond() >= rawAfter[i]) {
                    rollups.add(steps[i], p, latency, done);
                }
            }
        });
        return done;
    }

    private void plan(int[] steps, long rawFrom, long[] from, long[] rawAfter) {
        int finest = steps[0];
        long fineEnd = store.newest(finest).map(t -> t + finest).orElse(Long.MIN_VALUE);
        // Samples from the first finest period they cover whole; before it (if a coarser period began earlier), finest roll-ups.
        long rawWhole = Math.floorDiv(rawFrom + finest - 1, finest) * finest;
        for (int i = 0; i < steps.length; i++) {
            int step = steps[i];
            long periodOfOldest = Math.floorDiv(rawFrom, step) * step;
            from[i] = Math.max(periodOfOldest, store.newest(step).map(t -> t + step).orElse(periodOfOldest));
            rawAfter[i] = i == 0 ? from[i] : Math.max(from[i], Math.min(rawWhole, fineEnd));
        }
    }

    /** Feeds the coarser steps the finest roll-ups of the part of their open period whose samples are pruned (usually none). */
    private void replayFinest(Rollups rollups, int[] steps, long[] from, long[] rawAfter, List<Point> done) {
        long fineFrom = Long.MAX_VALUE;
        long fineTo = Long.MIN_VALUE;
        for (int i = 1; i < steps.length; i++) {
            if (from[i] < rawAfter[i]) {
                fineFrom = Math.min(fineFrom, from[i]);
                fineTo = Math.max(fineTo, rawAfter[i]);
            }
        }
        if (fineFrom >= fineTo) {
            return;
        }
        store.each(steps[0], fineFrom, fineTo, p -> {
            for (int i = 1; i < steps.length; i++) {
                if (p.epochSecond() >= from[i] && p.epochSecond() < rawAfter[i]) {
                    rollups.add(steps[i], p, Percentiles.approximate(p), done);
                }
            }
        });
    }
}
