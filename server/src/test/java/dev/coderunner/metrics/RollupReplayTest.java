package dev.coderunner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * What a restart finds in the store, written by hand into the real table (H2 in memory): the replay rebuilds the
 * periods not yet written and leaves the written ones alone.
 */
class RollupReplayTest {

    private static final long T0 = 1_800_000_000L / 1800 * 1800;

    private MetricsStore store;

    @BeforeEach
    void table() {
        DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V30__metric_points.sql")).execute(db);
        store = new MetricsStore(new JdbcTemplate(db));
    }

    private static Point env(int step, long t, double requests, double cpu, double p50, double p99) {
        double[] v = Field.empty();
        v[Field.REQUESTS.ordinal()] = requests;
        v[Field.CPU_PERCENT.ordinal()] = cpu;
        v[Field.LATENCY_P50_MS.ordinal()] = p50;
        v[Field.LATENCY_P95_MS.ordinal()] = p99;
        v[Field.LATENCY_P99_MS.ordinal()] = p99;
        return new Point(step, "shop", "production", Point.ENVIRONMENT, null, t, v);
    }

    @Test
    void rebuildsTheOpenPeriodsFromTheSamplesAfterTheNewestRollUp() {
        List<Point> stored = new ArrayList<>();
        for (long t = T0; t < T0 + 90; t += 5) {
            stored.add(env(5, t, 2, t < T0 + 60 ? 10 : 30, 4, 900));
        }
        stored.add(env(60, T0, 24, 10, 4, 900)); // the first minute was written before the restart
        store.insert(stored);

        Rollups rollups = new Rollups(60, 300, 1800);
        assertThat(new RollupReplay(store, 5).into(rollups)).isEmpty();
        assertThat(rollups.openCount()).isEqualTo(3); // the second minute, the 5 and the 30 minutes

        List<Point> written = rollups.flush(T0 + 1800);
        assertThat(written).extracting(Point::step, Point::epochSecond).containsExactlyInAnyOrder(
                tuple(60, T0 + 60), tuple(300, T0), tuple(1800, T0));
        Point minute = written.stream().filter(p -> p.step() == 60).findFirst().orElseThrow();
        assertThat(minute.get(Field.REQUESTS)).isEqualTo(12);
        assertThat(minute.get(Field.CPU_PERCENT)).isEqualTo(30);
        Point half = written.stream().filter(p -> p.step() == 1800).findFirst().orElseThrow();
        assertThat(half.get(Field.REQUESTS)).isEqualTo(36);
        assertThat(half.get(Field.CPU_PERCENT)).isCloseTo((12 * 10 + 6 * 30) / 18.0, within(1e-4));
        // Percentiles come back from the samples' own, to the bucket: 4 ms is in (3, 5], 900 ms in (750, 1000].
        assertThat(half.get(Field.LATENCY_P50_MS)).isBetween(3.0, 5.0);
        assertThat(half.get(Field.LATENCY_P99_MS)).isBetween(750.0, 1000.0);
    }

    @Test
    void periodsThatEndedBeforeTheRestartAreCompletedToo() {
        // Stopped just after a minute ended, before writing its roll-up.
        store.insert(List.of(env(5, T0 + 50, 3, 1, 4, 4), env(5, T0 + 55, 3, 1, 4, 4), env(5, T0 + 60, 1, 1, 4, 4)));
        Rollups rollups = new Rollups(60);
        assertThat(new RollupReplay(store, 5).into(rollups)).singleElement().satisfies(p -> {
            assertThat(p.epochSecond()).isEqualTo(T0);
            assertThat(p.get(Field.REQUESTS)).isEqualTo(6);
        });
        assertThat(rollups.flush(T0 + 120)).singleElement().satisfies(p -> assertThat(p.get(Field.REQUESTS)).isEqualTo(1));
    }

    @Test
    void whereFullResolutionSamplesArePrunedTheMinutesStandInForThem() {
        // raw-retention 5m, 25 minutes into a half hour: its first 20 minutes are left only as 1-minute roll-ups.
        List<Point> stored = new ArrayList<>();
        for (long t = T0; t < T0 + 1500; t += 60) {
            stored.add(env(60, t, 12, 20, 4, 4));
        }
        for (long t = T0 + 1200; t < T0 + 1500; t += 5) {
            stored.add(env(5, t, 1, 20, 4, 4));
        }
        store.insert(stored);
        Rollups rollups = new Rollups(60, 1800);
        assertThat(new RollupReplay(store, 5).into(rollups)).isEmpty();
        assertThat(rollups.flush(T0 + 1800)).singleElement().satisfies(half -> {
            assertThat(half.step()).isEqualTo(1800);
            assertThat(half.get(Field.REQUESTS)).isEqualTo(25 * 12);
            assertThat(half.get(Field.CPU_PERCENT)).isCloseTo(20, within(1e-4));
        });
    }
}
