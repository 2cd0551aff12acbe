package dev.coderunner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.coderunner.router.RouteStats;

class RollupsTest {

    private static Point env(long t, double cpu, double requests, double unhealthy, double restarts) {
        double[] v = Field.empty();
        v[Field.CPU_PERCENT.ordinal()] = cpu;
        v[Field.REQUESTS.ordinal()] = requests;
        v[Field.UNHEALTHY.ordinal()] = unhealthy;
        v[Field.RESTARTS.ordinal()] = restarts;
        return new Point(5, "shop", "production", Point.ENVIRONMENT, null, t, v);
    }

    /** {@code n} requests of about {@code ms} milliseconds, as histogram bucket counts. */
    private static long[] latency(int n, double ms) {
        long[] counts = new long[RouteStats.LATENCY_BOUNDS_SECONDS.length + 1];
        int i = 0;
        while (i < RouteStats.LATENCY_BOUNDS_SECONDS.length && ms / 1000 > RouteStats.LATENCY_BOUNDS_SECONDS[i]) {
            i++;
        }
        counts[i] = n;
        return counts;
    }

    @Test
    void aMinuteOfSamplesBecomesOnePointPerCoarseStepWhenItsPeriodEnds() {
        Rollups rollups = new Rollups(60, 600);
        List<Point> done = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // 600..655
            done.addAll(rollups.add(env(600 + i * 5, i < 6 ? 10 : 30, 2, i == 3 ? 1 : 0, i < 11 ? 0 : 1),
                    i == 0 ? latency(19, 4) : i == 1 ? latency(1, 900) : latency(0, 1)));
        }
        assertThat(done).isEmpty();
        done.addAll(rollups.flush(660));
        assertThat(done).hasSize(1);
        Point minute = done.getFirst();
        assertThat(minute.step()).isEqualTo(60);
        assertThat(minute.epochSecond()).isEqualTo(600);
        assertThat(minute.get(Field.CPU_PERCENT)).isEqualTo(20); // mean
        assertThat(minute.get(Field.REQUESTS)).isEqualTo(24); // sum
        assertThat(minute.get(Field.UNHEALTHY)).isEqualTo(1); // max
        assertThat(minute.get(Field.RESTARTS)).isEqualTo(1); // last
        // 20 requests: 19 fast, 1 slow: p50 is fast, p99 lands in the slow one's bucket (0.75..1 s).
        assertThat(minute.get(Field.LATENCY_P50_MS)).isLessThanOrEqualTo(5);
        assertThat(minute.get(Field.LATENCY_P99_MS)).isBetween(750.0, 1000.0);
        assertThat(rollups.openCount()).isEqualTo(1); // the 10-minute period is still open

        assertThat(rollups.flush(1200)).singleElement().satisfies(p -> {
            assertThat(p.step()).isEqualTo(600);
            assertThat(p.get(Field.REQUESTS)).isEqualTo(24);
        });
        assertThat(rollups.openCount()).isZero();
    }

    @Test
    void aSampleOfTheNextPeriodClosesTheOpenOne() {
        Rollups rollups = new Rollups(60);
        assertThat(rollups.add(env(55, 1, 1, 0, 0), null)).isEmpty();
        assertThat(rollups.add(env(60, 3, 1, 0, 0), null)).singleElement()
                .satisfies(p -> assertThat(p.get(Field.CPU_PERCENT)).isEqualTo(1));
        assertThat(rollups.flush(119)).isEmpty();
    }

    @Test
    void percentilesInterpolateInsideTheirBucketAndEmptyCountsHaveNone() {
        long[] counts = new long[RouteStats.LATENCY_BOUNDS_SECONDS.length + 1];
        counts[1] = 100; // all between 1 and 2 ms
        assertThat(Percentiles.quantileMs(counts, 0.5)).isCloseTo(1.5, within(1e-9));
        assertThat(Percentiles.quantileMs(counts, 0.99)).isCloseTo(1.99, within(1e-9));
        counts[counts.length - 1] = 1000; // beyond the highest bound
        assertThat(Percentiles.quantileMs(counts, 0.99)).isEqualTo(60_000);
        assertThat(Percentiles.quantileMs(new long[counts.length], 0.5)).isNaN();
        assertThat(Percentiles.delta(new long[] {5, 3}, new long[] {2, 7})).containsExactly(3, 3);
    }

    @Test
    void answersCarryFourSignificantDigits() {
        assertThat(Figure.compact(1 / 60.0)).isEqualTo(0.01667);
        assertThat(Figure.compact(104_857_600)).isEqualTo(104_900_000.0);
        assertThat(Figure.compact(49.96)).isEqualTo(49.96);
        assertThat(Figure.compact(0)).isEqualTo(0.0);
        assertThat(Figure.compact(Double.NaN)).isNull();
    }
}
