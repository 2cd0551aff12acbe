package dev.coderunner.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The durable log of one environment: append-only segments under {@code <home>/logs/<app>/<env>/}, entries
 * numbered by a sequence that never repeats (an empty segment named after the next seq keeps the count
 * when retention removed everything). One writer (the environment's capture loop), any number of readers.
 */
final class EnvLog {

    private final String app;
    private final String env;
    private final Path dir;
    private final long segmentSize;
    private final List<Segment> segments = new CopyOnWriteArrayList<>();
    private final ReentrantLock signal = new ReentrantLock();
    private final Condition appended = signal.newCondition();
    private volatile long lastSeq;
    private long lastTime;

    EnvLog(String app, String env, Path dir, long segmentSize) {
        this.app = app;
        this.env = env;
        this.dir = dir;
        this.segmentSize = segmentSize;
        try {
            Files.createDirectories(dir);
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(f -> f.getFileName().toString().matches("\\d{20}\\.log")).sorted().toList();
            }
            for (int i = 0; i < files.size(); i++) {
                segments.add(Segment.open(files.get(i), i == files.size() - 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log of " + app + "/" + env + " in " + dir, e);
        }
        if (segments.isEmpty()) {
            segments.add(Segment.create(dir, 1));
        }
        Segment last = segments.getLast();
        lastSeq = last.lastSeq();
        lastTime = last.isEmpty() ? 0 : last.maxTime();
    }

    String app() {
        return app;
    }

    String env() {
        return env;
    }

    Path dir() {
        return dir;
    }

    /** Wakes every follower (they re-check whether to stop). */
    void wakeAll() {
        signal.lock();
        try {
            appended.signalAll();
        } finally {
            signal.unlock();
        }
    }

    long lastSeq() {
        return lastSeq;
    }

    long firstSeq() {
        for (Segment s : segments) {
            if (!s.isEmpty()) {
                return s.firstSeq;
            }
        }
        return lastSeq + 1;
    }

    /**
     * Stores entries (their seq is assigned here, their time made non-decreasing) and wakes followers.
     * Returns them as stored.
     */
    synchronized List<LogEntry> append(List<LogEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return List.of();
        }
        Segment active = segments.getLast();
        if (active.size() >= segmentSize) {
            active.close();
            active = Segment.create(dir, lastSeq + 1);
            segments.add(active);
        }
        List<LogEntry> stored = new ArrayList<>(entries.size());
        long[] seqs = new long[entries.size()];
        long[] times = new long[entries.size()];
        int[] lengths = new int[entries.size()];
        List<byte[]> encoded = new ArrayList<>(entries.size());
        int total = 0;
        long seq = lastSeq;
        long time = lastTime;
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            time = Math.max(time, e.timeMicros());
            LogEntry s = new LogEntry(++seq, time, e.release(), e.processType(), e.instance(), e.stream(), e.level(), e.message(),
                    e.source(), e.end());
            byte[] bytes = EntryCodec.encode(s);
            encoded.add(bytes);
            seqs[i] = seq;
            times[i] = time;
            lengths[i] = bytes.length;
            total += bytes.length;
            stored.add(s);
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        encoded.forEach(buf::put);
        buf.flip();
        active.append(buf, seqs, times, lengths, entries.size());
        lastSeq = seq;
        lastTime = time;
        signal.lock();
        try {
            appended.signalAll();
        } finally {
            signal.unlock();
        }
        return stored;
    }

    /** Waits until an entry after {@code seq} exists or the timeout passes; true if there is one. */
    boolean awaitAfter(long seq, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        signal.lock();
        try {
            while (lastSeq <= seq) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = appended.awaitNanos(nanos);
            }
            return true;
        } finally {
            signal.unlock();
        }
    }

    /** Oldest first: entries after {@code afterSeq}, at or after {@code sinceMicros}, up to {@code limit} matching. */
    List<LogEntry> scanForward(long afterSeq, long sinceMicros, long untilMicros, Predicate<LogEntry> filter, int limit) {
        List<LogEntry> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.isEmpty() || s.lastSeq() <= afterSeq || s.maxTime() < sinceMicros) {
                continue;
            }
            if (s.minTime() > untilMicros) {
                return out;
            }
            Segment.Index index = s.index();
            int from = Math.max(index.blockOfSeq(afterSeq + 1), index.blockOfTime(sinceMicros));
            for (int b = from; b < index.blocks(); b++) {
                if (index.time()[b] > untilMicros) {
                    return out;
                }
                for (LogEntry e : s.read(index, b)) {
                    if (e.seq() > afterSeq && e.timeMicros() >= sinceMicros && e.timeMicros() <= untilMicros && filter.test(e)) {
                        out.add(e);
                        if (out.size() >= limit) {
                            return out;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Newest first: entries before {@code beforeSeq} within the time range, up to {@code limit} matching. */
    List<LogEntry> scanBackward(long beforeSeq, long sinceMicros, long untilMicros, Predicate<LogEntry> filter, int limit) {
        List<LogEntry> out = new ArrayList<>();
        List<Segment> all = List.copyOf(segments);
        for (int si = all.size() - 1; si >= 0; si--) {
            Segment s = all.get(si);
            if (s.isEmpty() || s.firstSeq >= beforeSeq || s.minTime() > untilMicros) {
                continue;
            }
            if (s.maxTime() < sinceMicros) {
                return out;
            }
            Segment.Index index = s.index();
            int from = Math.min(index.blockOfSeq(beforeSeq - 1), lastBlockAtOrBefore(index, untilMicros));
            for (int b = from; b >= 0; b--) {
                List<LogEntry> block = s.read(index, b);
                for (int i = block.size() - 1; i >= 0; i--) {
                    LogEntry e = block.get(i);
                    if (e.timeMicros() < sinceMicros) {
                        return out;
                    }
                    if (e.seq() < beforeSeq && e.timeMicros() <= untilMicros && filter.test(e)) {
                        out.add(e);
                        if (out.size() >= limit) {
                            return out;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static int lastBlockAtOrBefore(Segment.Index index, long micros) {
        int b = index.blocks() - 1;
        while (b > 0 && index.time()[b] > micros) {
            b--;
        }
        return b;
    }

    /** Disk use and extent of this log. */
    Usage usage() {
        long bytes = 0;
        Long oldest = null;
        Long newest = null;
        for (Segment s : segments) {
            bytes += s.size();
            if (!s.isEmpty()) {
                oldest = oldest == null ? s.minTime() : oldest;
                newest = s.maxTime();
            }
        }
        return new Usage(bytes, segments.size(), firstSeq(), lastSeq, oldest == null ? null : toInstant(oldest),
                newest == null ? null : toInstant(newest));
    }

    record Usage(long bytes, int segments, long firstCursor, long lastCursor, Instant oldest, Instant newest) {
    }

    /**
     * Deletes whole segments, oldest first, that are older than {@code maxAge} or while the log is over
     * {@code maxBytes}. The newest segment goes too when it is entirely too old (an idle environment);
     * an empty one takes its place so the sequence carries on. Returns the entries removed.
     */
    synchronized long enforce(Duration maxAge, long maxBytes, Instant now) throws IOException {
        long cutoff = LogEntry.micros(now.minus(maxAge));
        long total = segments.stream().mapToLong(Segment::size).sum();
        long removed = 0;
        while (!segments.isEmpty()) {
            Segment oldest = segments.getFirst();
            boolean last = segments.size() == 1;
            boolean tooOld = !oldest.isEmpty() && oldest.maxTime() < cutoff;
            boolean tooBig = total > maxBytes && !last;
            if (!tooOld && !tooBig || oldest.isEmpty()) {
                break;
            }
            if (last) {
                segments.add(Segment.create(dir, lastSeq + 1));
            }
            segments.remove(oldest);
            oldest.delete();
            total -= oldest.size();
            removed += oldest.lastSeq() - oldest.firstSeq + 1;
        }
        return removed;
    }

    /** Makes every stored entry durable: the active segment is forced to disk (sealed ones were when sealed). */
    void force() throws IOException {
        segments.getLast().force();   // segments is a copy-on-write list: no lock needed to read it
    }

    void close() {
        segments.forEach(Segment::close);
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }
}
