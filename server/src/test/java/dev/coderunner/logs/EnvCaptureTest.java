package dev.coderunner.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EnvCaptureTest {

    @TempDir
    Path home;

    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<EnvCapture> started = new ArrayList<>();

    private Path run() throws IOException {
        return Files.createDirectories(home.resolve("run/app/production"));
    }

    private EnvLog store() {
        return new EnvLog("app", "production", home.resolve("logs/app/production"), 64 * 1024);
    }

    private EnvCapture capture(EnvLog store, LogsProperties props) throws IOException {
        return capture(store, props, uid -> Optional.of(new InstanceMeta(uid.equals("u1") ? "web.1" : "web.2", "web", 3)));
    }

    private EnvCapture capture(EnvLog store, LogsProperties props, java.util.function.Function<String, Optional<InstanceMeta>> running)
            throws IOException {
        EnvCapture c = new EnvCapture(store, run(), props, Clock.systemUTC(), running, stored -> { }, new EnvCapture.Counts() {
                    @Override
                    public void ingested(long n) {
                        ingested.addAndGet(n);
                    }

                    @Override
                    public void dropped(long n) {
                        dropped.addAndGet(n);
                    }
                });
        c.start();
        started.add(c);
        return c;
    }

    @AfterEach
    void stop() {
        started.forEach(EnvCapture::stop);
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(run().resolve(file), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<LogEntry> all(EnvLog store) {
        return store.scanForward(0, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 1_000_000);
    }

    @Test
    void keepsTheOrderOfInterleavedStdoutAndStderrOfAnInstance() throws Exception {
        write("u1.stdout", "");
        write("u1.stderr", "");   // the runtime creates both files when it starts the instance
        EnvLog store = store();
        capture(store, LogsProperties.defaults()).discoverSoon();
        Thread.sleep(100);
        for (int i = 1; i <= 20; i++) {
            write(i % 2 == 0 ? "u1.stderr" : "u1.stdout", "line " + i + "\n");
            Thread.sleep(30);   // a real app's writes are apart in time; capture orders them by when they are read
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> all(store).size() == 20);
        List<LogEntry> entries = all(store);
        for (int i = 0; i < 20; i++) {
            assertThat(entries.get(i).message()).isEqualTo("line " + (i + 1));
            assertThat(entries.get(i).stream()).isEqualTo(i % 2 == 0 ? "stdout" : "stderr");
            assertThat(entries.get(i).instance()).isEqualTo("web.1");
            assertThat(entries.get(i).release()).isEqualTo(3);
        }
    }

    @Test
    void resumesExactlyAfterARestartWithoutLossOrRepeats() throws Exception {
        EnvLog store = store();
        EnvCapture first = capture(store, LogsProperties.defaults());
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            a.append("n=").append(i).append('\n');
        }
        write("u1.stdout", a.toString());
        write("u2.stderr", "other 1\nother 2\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> store.lastSeq() >= 5002);
        first.stop();
        started.remove(first);
        store.close();

        StringBuilder b = new StringBuilder();
        for (int i = 5001; i <= 8000; i++) {
            b.append("n=").append(i).append('\n');
        }
        write("u1.stdout", b.toString());
        write("u1.stdout", "Exception in thread main\n\tat x.Y(Y.java:1)\n");
        EnvLog reopened = store();
        capture(reopened, LogsProperties.defaults());
        await().atMost(Duration.ofSeconds(10)).until(() -> reopened.lastSeq() >= 8003);
        Thread.sleep(300);
        List<String> numbered = all(reopened).stream().map(LogEntry::message).filter(m -> m.startsWith("n=")).toList();
        assertThat(numbered).hasSize(8000);
        for (int i = 0; i < 8000; i++) {
            assertThat(numbered.get(i)).isEqualTo("n=" + (i + 1));
        }
        assertThat(all(reopened)).hasSize(8003);
        assertThat(all(reopened).getLast().message()).isEqualTo("Exception in thread main\n\tat x.Y(Y.java:1)");
        assertThat(all(reopened).getLast().level()).isEqualTo("error");
    }

    @Test
    void skipsWhatItCannotKeepUpWithAndRecordsTheGap() throws Exception {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            a.append("line ").append(i).append('\n');
        }
        write("u1.stdout", a.toString());   // ~1.2 MB waiting, more than the allowed lag
        LogsProperties props = new LogsProperties(DataSize.ofMegabytes(16), Duration.ofDays(7), DataSize.ofGigabytes(1), Duration.ofMillis(20),
                Duration.ofMillis(100), 1000, DataSize.ofKilobytes(64), DataSize.ofKilobytes(512), Duration.ofSeconds(60), DataSize.ofMegabytes(64));
        EnvLog store = store();
        capture(store, props);
        await().atMost(Duration.ofSeconds(10)).until(() -> !all(store).isEmpty() && all(store).getLast().message().equals("line 100000"));
        List<LogEntry> entries = all(store);
        LogEntry gap = entries.getFirst();
        assertThat(gap.stream()).isEqualTo("system");
        assertThat(gap.message()).startsWith("[gap] ").contains("lines dropped");
        long missed = Long.parseLong(gap.message().split(" ")[1]);
        assertThat(missed).isEqualTo(dropped.get());
        assertThat(missed + entries.size() - 1).isEqualTo(100_000);
    }

    @Test
    void aLineWrittenInPiecesWhileOutputKeepsFlowingIsNeverCut() throws Exception {
        EnvLog store = store();
        // a long partial-line timeout, so that only the bug (not a loaded machine) could cut a line
        capture(store, new LogsProperties(DataSize.ofMegabytes(16), Duration.ofDays(7), DataSize.ofGigabytes(1), Duration.ofMillis(20),
                Duration.ofSeconds(3), 1000, DataSize.ofKilobytes(64), DataSize.ofMegabytes(512), Duration.ofSeconds(60), DataSize.ofMegabytes(64)));
        for (int i = 1; i <= 40; i++) {
            write("u1.stdout", "whole line " + i + "\npart of line " + (i + 1000));
            Thread.sleep(i % 2 == 0 ? 10 : 80);
            write("u1.stdout", " and its end\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> all(store).size() >= 80);
        Thread.sleep(200);
        assertThat(all(store)).hasSize(80);
        assertThat(all(store)).extracting(LogEntry::message).allMatch(m -> m.startsWith("whole line ") || m.endsWith(" and its end"));
    }

    @Test
    void freesTheDiskBlocksOfStoredOutputWhileTheInstanceKeepsWriting() throws Exception {
        LogsProperties props = new LogsProperties(DataSize.ofMegabytes(16), Duration.ofDays(7), DataSize.ofGigabytes(1), Duration.ofMillis(20),
                Duration.ofMillis(100), 1000, DataSize.ofKilobytes(64), DataSize.ofMegabytes(512), Duration.ofSeconds(60),
                DataSize.ofKilobytes(256));
        EnvLog store = store();
        capture(store, props);
        // The app's own file descriptor, opened for appending as the runtime opens it, stays open throughout.
        try (var app = Files.newOutputStream(run().resolve("u1.stdout"), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int round = 0; round < 2; round++) {
                StringBuilder text = new StringBuilder();
                for (int i = 1; i <= 50_000; i++) {
                    text.append("round ").append(round).append(" line ").append(i).append(" of the numbered output\n");
                }
                app.write(text.toString().getBytes());
                app.flush();
                int expected = 50_000 * (round + 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> all(store).size() == expected);
            }
        }
        Path file = run().resolve("u1.stdout");
        assertThat(Files.size(file)).isGreaterThan(3_000_000);
        // What is durably stored (at the next checkpoint, about a second) is given back: all but the last 256 KB at
        // most, and a block; the length does not change.
        await().atMost(Duration.ofSeconds(10)).until(() -> allocatedBytes(file) <= 256 * 1024 + 8192);
        assertThat(Files.size(file)).isGreaterThan(3_000_000);
        List<LogEntry> entries = all(store);
        assertThat(entries.getFirst().message()).isEqualTo("round 0 line 1 of the numbered output");
        assertThat(entries.getLast().message()).isEqualTo("round 1 line 50000 of the numbered output");
        assertThat(dropped.get()).isZero();
    }

    @Test
    void deletesTheOutputOfAFinishedInstanceOnlyOnceItIsStoredAndItsProcessIsGone() throws Exception {
        write("done.stdout", "last words\n");
        write("done.stderr", "");
        write("adopting.stdout", "still running, not yet re-adopted\n");
        write("adopting.stderr", "");
        write("adopting.json", "{}");   // the runtime's process record: the process still runs
        EnvLog store = store();
        // The supervisor knows neither (as just after a control-plane restart, before re-adoption).
        capture(store, LogsProperties.defaults(), uid -> Optional.empty()).discoverSoon();
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(run().resolve("done.stdout")));
        assertThat(run().resolve("done.stderr")).doesNotExist();
        assertThat(all(store)).extracting(LogEntry::message).contains("last words", "still running, not yet re-adopted");
        assertThat(run().resolve("adopting.stdout")).exists();
        assertThat(run().resolve("adopting.stderr")).exists();
    }

    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] out = new String(stat.getInputStream().readAllBytes()).strip().split(" ");
        assertThat(stat.waitFor()).isZero();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }
}
