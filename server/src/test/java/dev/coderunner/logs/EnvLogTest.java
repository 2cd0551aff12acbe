package dev.coderunner.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EnvLogTest {

    @TempDir
    Path dir;

    static LogEntry line(long micros, String message) {
        return new LogEntry(0, micros, 1, "web", "web.1", "stdout", "info", message, null, 0);
    }

    static List<LogEntry> lines(long fromMicros, int from, int to) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(line(fromMicros + i, "line " + i));
        }
        return out;
    }

    @Test
    void numbersEntriesAndReadsThemBothWaysAcrossSegments() throws IOException {
        EnvLog log = new EnvLog("a", "production", dir, 4096);
        for (int i = 0; i < 50; i++) {
            log.append(lines(1_000_000, i * 20 + 1, i * 20 + 20));
        }
        assertThat(log.usage().segments()).isGreaterThan(5);
        assertThat(log.lastSeq()).isEqualTo(1000);

        List<LogEntry> all = log.scanForward(0, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 10_000);
        assertThat(all).extracting(LogEntry::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
        assertThat(all.get(41).message()).isEqualTo("line 42");
        assertThat(log.scanForward(500, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 3)).extracting(LogEntry::seq).containsExactly(501L, 502L, 503L);
        assertThat(log.scanBackward(500, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 3)).extracting(LogEntry::seq).containsExactly(499L, 498L, 497L);
        assertThat(log.scanBackward(Long.MAX_VALUE, 1_000_000 + 990, Long.MAX_VALUE, e -> true, 100)).hasSize(11);
        assertThat(log.scanForward(0, 1_000_000 + 100, 1_000_000 + 109, e -> true, 100)).extracting(LogEntry::message)
                .containsExactlyElementsOf(LongStream.rangeClosed(100, 109).mapToObj(i -> "line " + i).toList());
        assertThat(log.scanForward(0, Long.MIN_VALUE, Long.MAX_VALUE, e -> e.message().endsWith("7"), 1000)).hasSize(100);
    }

    @Test
    void survivesReopeningAndCutsATornLastLine() throws IOException {
        EnvLog log = new EnvLog("a", "production", dir, 1 << 20);
        log.append(lines(1_000_000, 1, 10));
        log.close();
        Path segment = Files.list(dir).filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
        Files.writeString(segment, "{\"s\":11,\"t\":1000011,\"m\":\"torn", StandardOpenOption.APPEND);

        EnvLog again = new EnvLog("a", "production", dir, 1 << 20);
        assertThat(again.lastSeq()).isEqualTo(10);
        again.append(lines(2_000_000, 11, 12));
        assertThat(again.scanForward(8, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 100)).extracting(LogEntry::message)
                .containsExactly("line 9", "line 10", "line 11", "line 12");
    }

    @Test
    void timesNeverGoBackwards() throws IOException {
        EnvLog log = new EnvLog("a", "production", dir, 1 << 20);
        log.append(List.of(line(5_000, "later"), line(4_000, "held for grouping")));
        assertThat(log.scanForward(0, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 10)).extracting(LogEntry::timeMicros).containsExactly(5_000L, 5_000L);
    }

    @Test
    void retentionBySizeRemovesTheOldestSegments() throws IOException {
        EnvLog log = new EnvLog("a", "production", dir, 4096);
        long now = LogEntry.micros(Instant.parse("2026-01-01T00:00:00Z"));
        for (int i = 0; i < 40; i++) {
            log.append(lines(now, i * 20 + 1, i * 20 + 20));
        }
        long before = log.usage().bytes();
        long removed = log.enforce(Duration.ofDays(7), before / 2, Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(removed).isPositive();
        assertThat(log.usage().bytes()).isLessThanOrEqualTo(before / 2);
        assertThat(log.firstSeq()).isEqualTo(removed + 1);
        assertThat(log.scanForward(0, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 10).getFirst().seq()).isEqualTo(removed + 1);
    }

    @Test
    void retentionByAgeRemovesEverythingOldButTheSequenceCarriesOn() throws IOException {
        EnvLog log = new EnvLog("a", "production", dir, 4096);
        long then = LogEntry.micros(Instant.parse("2026-01-01T00:00:00Z"));
        for (int i = 0; i < 10; i++) {
            log.append(lines(then, i * 20 + 1, i * 20 + 20));
        }
        assertThat(log.enforce(Duration.ofDays(1), Long.MAX_VALUE, Instant.parse("2026-01-03T00:00:00Z"))).isEqualTo(200);
        assertThat(log.usage().bytes()).isZero();
        log.close();

        EnvLog again = new EnvLog("a", "production", dir, 4096);
        assertThat(again.append(List.of(line(then, "new"))).getFirst().seq()).isEqualTo(201);
    }
}
