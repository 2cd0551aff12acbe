package dev.coderunner.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlanes;

/**
 * The dashboard's chart query against a full store (run by benchmarks/metrics/run.sh, not by the
 * normal build): seven days of samples for one environment with {@code metrics.bench.instances}
 * instance slots, then {@code GET …/metrics?range=} over HTTP for every range, timed.
 */
@EnabledIfSystemProperty(named = "metrics.bench", matches = "true")
class MetricsQueryBenchmark {

    @TempDir
    Path home;

    @Test
    void chartQueryLatency() throws Exception {
        int instances = Integer.getInteger("metrics.bench.instances", 10);
        int rounds = Integer.getInteger("metrics.bench.rounds", 200);
        try (ConfigurableApplicationContext context = ControlPlanes.start(home, "bench-password", "--coderunner.metrics.enabled=false")) {
            Api api = ControlPlanes.admin(context, "bench-password");
            api.post("/api/v1/apps", Map.of("name", "bench"));
            MetricsStore store = context.getBean(MetricsStore.class);
            long now = Instant.now().getEpochSecond();
            long began = System.nanoTime();
            int rows = fill(store, now, instances);
            System.out.printf("FILL %d rows (1 environment, %d instances, 7 days) in %.1f s%n", rows, instances,
                    (System.nanoTime() - began) / 1e9);
            // The floor on this machine: a small authenticated API read through the same client.
            {
                long[] nanos = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    long t = System.nanoTime();
                    api.get("/api/v1/apps/bench/envs/production/instances");
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf("QUERY baseline GET …/instances rounds=%d p50=%.1f ms p99=%.1f ms%n", rounds, nanos[rounds / 2] / 1e6,
                        nanos[(int) Math.ceil(rounds * 0.99) - 1] / 1e6);
            }
            // What the dashboard asks for (the charted figures), then every figure (the API's default).
            String charted = "&figures=cpu_percent,memory_bytes,requests_per_second,status_2xx_per_second,status_4xx_per_second,"
                    + "status_5xx_per_second,latency_p50_ms,latency_p95_ms,latency_p99_ms";
            for (String query : List.of("5m" + charted, "1h" + charted, "24h" + charted, "7d" + charted, "24h", "7d", "24h&step=60")) {
                String range = query.contains("&figures") ? query.substring(0, query.indexOf('&')) + " (dashboard)" : query + " (all figures)";
                String path = "/api/v1/apps/bench/envs/production/metrics?range=" + query;
                for (int i = 0; i < 20; i++) {
                    api.get(path); // warm-up
                }
                long[] nanos = new long[rounds];
                int bytes = 0;
                for (int i = 0; i < rounds; i++) {
                    long t = System.nanoTime();
                    Api.Answer a = api.get(path);
                    nanos[i] = System.nanoTime() - t;
                    bytes = a.body().length();
                    if (a.status() != 200) {
                        throw new AssertionError(a.status() + " " + a.body());
                    }
                }
                Arrays.sort(nanos);
                System.out.printf("QUERY range=%s rounds=%d p50=%.1f ms p99=%.1f ms max=%.1f ms body=%d KB%n", range, rounds,
                        nanos[rounds / 2] / 1e6, nanos[(int) Math.ceil(rounds * 0.99) - 1] / 1e6, nanos[rounds - 1] / 1e6, bytes / 1024);
            }
            // The same queries without HTTP and JSON: database read and grid building only, with CPU time per query.
            MetricsService service = context.getBean(MetricsService.class);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.Set<String> chartedSet = java.util.Set.of(charted.substring("&figures=".length()).split(","));
            for (MetricsRange r : MetricsRange.values()) {
                long[] nanos = new long[rounds];
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < rounds; i++) {
                    long t = System.nanoTime();
                    service.series("bench", "production", r, chartedSet);
                    nanos[i] = System.nanoTime() - t;
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                Arrays.sort(nanos);
                System.out.printf("SERVICE range=%s (dashboard) p50=%.1f ms p99=%.1f ms cpu=%.1f ms/query%n", r.wire,
                        nanos[rounds / 2] / 1e6, nanos[(int) Math.ceil(rounds * 0.99) - 1] / 1e6, cpu / 1e6 / rounds);
            }
            try (Stream<Path> files = Files.walk(home.resolve("db"))) {
                long size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                System.out.printf("DISK H2 files %.1f MB for %d metric rows (plus the rest of the database): ~%d bytes per row%n",
                        size / 1e6, rows, size / rows);
            }
        }
    }

    /** Writes what the collector would have written in 7 days: 5 s samples for the last hour, 1- and 10-minute ones for all. */
    private static int fill(MetricsStore store, long now, int instances) {
        int rows = 0;
        int[][] tiers = {{5, 3600}, {60, 7 * 86400}, {300, 7 * 86400}, {1800, 7 * 86400}};
        for (int[] tier : tiers) {
            int step = tier[0];
            long last = Math.floorDiv(now, step) * step;
            List<Point> batch = new ArrayList<>();
            for (long t = last - tier[1] + step; t <= last; t += step) {
                batch.add(new Point(step, "bench", "production", "", null, t, envValues(t)));
                for (int i = 1; i <= instances; i++) {
                    batch.add(new Point(step, "bench", "production", "web." + i, "web", t, instanceValues(t, i)));
                }
                if (batch.size() >= 5000) {
                    store.insert(batch);
                    rows += batch.size();
                    batch.clear();
                }
            }
            store.insert(batch);
            rows += batch.size();
        }
        return rows;
    }

    private static double[] envValues(long t) {
        double[] v = Field.empty();
        double wave = 1 + Math.sin(t / 3600.0);
        for (Field f : Field.ALL) {
            v[f.ordinal()] = wave * (f.ordinal() + 1);
        }
        return v;
    }

    private static double[] instanceValues(long t, int i) {
        double[] v = Field.empty();
        v[Field.CPU_PERCENT.ordinal()] = 20 + 10 * Math.sin(t / 600.0 + i);
        v[Field.MEMORY_BYTES.ordinal()] = 100e6 + i * 1e6;
        v[Field.THREADS.ordinal()] = 12;
        v[Field.OPEN_FILES.ordinal()] = 30;
        v[Field.RESTARTS.ordinal()] = 0;
        v[Field.UPTIME_SECONDS.ordinal()] = t % 86400;
        v[Field.UNHEALTHY.ordinal()] = 0;
        return v;
    }
}
