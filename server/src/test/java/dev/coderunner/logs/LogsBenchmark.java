package dev.coderunner.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmarks of capture (run by benchmarks/logs/run.sh, not by the normal build): a writer appends
 * numbered lines to an instance output file, as an app would, and the real capture loop stores them.
 * Every line is checked afterwards: count, loss and duplicates exactly.
 */
@EnabledIfSystemProperty(named = "logs.bench", matches = "true")
class LogsBenchmark {

    @TempDir
    Path home;

    private EnvCapture capture(EnvLog store, java.util.function.Consumer<List<LogEntry>> onStored) throws IOException {
        Path run = Files.createDirectories(home.resolve("run/bench/production"));
        Files.writeString(run.resolve("u1.stdout"), "");
        Files.writeString(run.resolve("u1.stderr"), "");
        EnvCapture c = new EnvCapture(store, run, LogsProperties.defaults(), Clock.systemUTC(),
                uid -> Optional.of(new InstanceMeta("web.1", "web", 1)), onStored, new EnvCapture.Counts() {
                    @Override
                    public void ingested(long n) {
                    }

                    @Override
                    public void dropped(long n) {
                    }
                });
        c.start();
        c.discoverSoon();
        return c;
    }

    @Test
    void ingest() throws Exception {
        long seconds = Long.getLong("logs.bench.seconds", 30);
        long rate = Long.getLong("logs.bench.ingest-rate", 250_000);
        EnvLog store = new EnvLog("bench", "production", home.resolve("logs/bench/production"), 64L << 20);
        EnvCapture c = capture(store, stored -> { });
        long written = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(home.resolve("run/bench/production/u1.stdout"),
                StandardOpenOption.APPEND), 1 << 20)) {   // large enough that only the explicit flush writes: whole lines
            while (System.nanoTime() < end) {
                while (written > (System.nanoTime() - start) * rate / 1_000_000_000L) {
                    LockSupport.parkNanos(200_000);   // paced, as an app would write: rate lines/s
                }
                for (int i = 0; i < 1000; i++) {
                    out.write(("GET /api/items/" + (written % 977) + " 200 12ms request " + ++written + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
        }
        long writeNanos = System.nanoTime() - start;
        while (store.lastSeq() < written && System.nanoTime() - start < writeNanos + Duration.ofSeconds(120).toNanos()) {
            Thread.sleep(20);
        }
        long storeNanos = System.nanoTime() - start;
        c.stop();
        long[] seen = new long[(int) written + 1];
        long entries = 0;
        long other = 0;
        long after = 0;
        List<LogEntry> page;
        while (!(page = store.scanForward(after, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 100_000)).isEmpty()) {
            for (LogEntry e : page) {
                String m = e.message();
                try {
                    seen[Integer.parseInt(m.substring(m.lastIndexOf(' ') + 1))]++;
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException x) {
                    if (other++ < 5) {
                        System.out.println("OTHER " + e);
                    }
                }
                entries++;
            }
            after = page.getLast().seq();
        }
        long lost = Arrays.stream(seen, 1, seen.length).filter(n -> n == 0).count();
        long dup = Arrays.stream(seen, 1, seen.length).filter(n -> n > 1).count();
        System.out.printf("INGEST written=%d in %.1fs (%.0f lines/s written), all stored after %.1fs: %.0f lines/s stored; entries=%d other=%d lost=%d dup=%d disk=%dMB%n",
                written, writeNanos / 1e9, written / (writeNanos / 1e9), storeNanos / 1e9, written / (storeNanos / 1e9), entries, other, lost, dup,
                store.usage().bytes() >> 20);
        assertThat(lost).isZero();
        assertThat(dup).isZero();
    }

    @Test
    @EnabledIfSystemProperty(named = "logs.bench.latency", matches = "true")
    void latencyToTheBus() throws Exception {
        int rate = Integer.getInteger("logs.bench.rate", 10_000);
        long seconds = Long.getLong("logs.bench.seconds", 30);
        EnvLog store = new EnvLog("bench", "production", home.resolve("logs/bench/production"), 64L << 20);
        long[] latencies = new long[(int) (rate * seconds) + 10];
        AtomicLong received = new AtomicLong();
        // The same hook that publishes to the bus (and so to WebSocket subscribers) measures here.
        EnvCapture c = capture(store, stored -> {
            long now = System.nanoTime();
            for (LogEntry e : stored) {
                String m = e.message();
                int i = (int) received.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = now - Long.parseLong(m.substring(m.lastIndexOf(' ') + 1));
                }
            }
        });
        Thread.sleep(300);
        long interval = 1_000_000_000L / rate;
        long total = rate * seconds;
        long next = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(home.resolve("run/bench/production/u1.stdout"), StandardOpenOption.APPEND)) {
            for (long n = 0; n < total; n++) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(50_000);
                }
                out.write(("line " + n + " t " + System.nanoTime() + "\n").getBytes(StandardCharsets.US_ASCII));
                next += interval;
            }
        }
        while (received.get() < total) {
            Thread.sleep(20);
        }
        c.stop();
        long[] sorted = Arrays.copyOf(latencies, (int) total);
        Arrays.sort(sorted);
        System.out.printf("LATENCY %d lines at %d/s: p50=%.2fms p99=%.2fms p999=%.2fms max=%.2fms%n", total, rate,
                sorted[(int) (total * 0.50)] / 1e6, sorted[(int) (total * 0.99)] / 1e6, sorted[(int) (total * 0.999)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
