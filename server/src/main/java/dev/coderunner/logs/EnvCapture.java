package dev.coderunner.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures one environment: a loop (one platform thread) that reads every instance's output files,
 * groups lines into entries, takes in deployment lines, stores everything in the {@link EnvLog} and
 * hands what was stored on. It only reads files the apps append to, so an app never waits for it.
 */
final class EnvCapture {

    private static final Logger log = LoggerFactory.getLogger(EnvCapture.class);
    private static final long DISCOVER_EVERY_MICROS = 250_000;
    private static final long CHECKPOINT_EVERY_MICROS = 1_000_000;
    private static final long FORGET_IDLE_MICROS = 5_000_000;
    private static final int MAX_UNSAVED = 200_000;
    static final int INBOX_CAPACITY = 100_000;

    /** Counters shared by all environments (Micrometer in the app, plain in tests). */
    interface Counts {
        void ingested(long n);

        void dropped(long n);
    }

    private final EnvLog store;
    private final Path runDir;
    private final LogsProperties props;
    private final Clock clock;
    private final Function<String, Optional<InstanceMeta>> lookup;
    private final Consumer<List<LogEntry>> onStored;
    private final Counts counts;
    private final BlockingQueue<LogEntry> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final AtomicLong inboxDropped = new AtomicLong();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Checkpoint checkpoint;
    private final List<LogEntry> unsaved = new ArrayList<>();
    private volatile int unsavedCount;   // unsaved.size() for other threads (the list is the capture loop's alone)
    private final OutputSpace space = new OutputSpace();
    private volatile Map<String, Long> durable;   // offsets of the last checkpoint written, whose entries are on disk
    private Map<String, Long> releasedUpTo;   // the durable offsets output space was last freed for
    // One thread writes the checkpoints of every environment, in order (fsync and a small file each).
    private static final java.util.concurrent.ExecutorService CHECKPOINTS = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("log-checkpoints").daemon().factory());
    private volatile boolean running = true;
    private volatile boolean discoverNow;
    private Thread thread;
    private long lastDiscover;
    private long lastCheckpoint;
    private long checkpointedSeq;

    /** One output file: its tailer, its grouper and the labels of its instance. */
    private record Source(String uid, String stream, OutputTailer tailer, LineGrouper grouper, InstanceMeta meta, long[] idleSince,
            long[] released) {
    }

    EnvCapture(EnvLog store, Path runDir, LogsProperties props, Clock clock, Function<String, Optional<InstanceMeta>> lookup,
            Consumer<List<LogEntry>> onStored, Counts counts) {
        this.store = store;
        this.runDir = runDir;
        this.props = props;
        this.clock = clock;
        this.lookup = lookup;
        this.onStored = onStored;
        this.counts = counts;
        this.checkpoint = recover(store);
        this.checkpointedSeq = checkpoint.seq();
        this.durable = new HashMap<>(checkpoint.offsets());   // what a restart could read back is on disk
    }

    /** The checkpoint, brought up to date with the entries stored after it was written. */
    private static Checkpoint recover(EnvLog store) {
        Path dir = storeDir(store);
        Checkpoint c = Checkpoint.load(dir);
        long after = c.seq();
        while (true) {
            List<LogEntry> newer = store.scanForward(after, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, 10_000);
            if (newer.isEmpty()) {
                break;
            }
            for (LogEntry e : newer) {
                if (e.source() != null) {
                    c.offsets().merge(e.source(), e.end(), Math::max);
                }
            }
            after = newer.getLast().seq();
        }
        return new Checkpoint(after, c.offsets(), c.instances());
    }

    private static Path storeDir(EnvLog store) {
        return store.dir();
    }

    /**
     * A platform thread, not a virtual one: it publishes every line to every WebSocket sender, and those are
     * virtual threads; sharing their carriers, capture waited behind a thousand of them in a fan-out
     * (p50 21 → 14 ms, p99 58–81 → 46–50 ms with 1,000 subscribers, benchmarks/RESULTS.md).
     */
    void start() {
        thread = Thread.ofPlatform().daemon().name("logs-" + store.app() + "/" + store.env()).start(this::run);
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sources.values().forEach(s -> s.tailer().close());
    }

    /** Looks for new output files on the next pass (an instance was just started). */
    void discoverSoon() {
        discoverNow = true;
    }

    /** Entries taken in but not stored yet: deployment lines in the inbox, and what storage refused so far (kept and retried). */
    int waiting() {
        return inbox.size() + unsavedCount;
    }

    /** Takes an entry from elsewhere (a deployment's log); never blocks: a full inbox counts it as dropped. */
    void offer(LogEntry entry) {
        if (!inbox.offer(entry)) {
            inboxDropped.incrementAndGet();
            counts.dropped(1);
        }
    }

    private void run() {
        int idle = 0;
        while (running) {
            try {
                boolean busy = cycle();
                idle = busy ? 0 : idle + 1;
                if (busy) {
                    Thread.yield();   // let the senders of what was just stored run
                } else {
                    long pauseMicros = Math.min(props.pollInterval().toNanos() / 1000, 200L * Math.min(idle, 100));
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(Math.max(100, pauseMicros)));
                }
            } catch (RuntimeException e) {
                log.warn("Log capture of {}/{} failed, retrying: {}", store.app(), store.env(), e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        flushAll();
        saveCheckpointNow();
    }

    /** One pass over all sources; true when something was read. */
    boolean cycle() {
        long now = nowMicros();
        if (discoverNow || now - lastDiscover >= DISCOVER_EVERY_MICROS) {
            discoverNow = false;
            discover(now);
            lastDiscover = now;
        }
        List<LogEntry> batch = unsaved;
        int lines = 0;
        for (Source s : List.copyOf(sources.values())) {
            lines += read(s, now, batch);
        }
        inbox.drainTo(batch, 50_000);
        long lost = inboxDropped.getAndSet(0);
        if (lost > 0) {
            batch.add(gap(null, lost, "deployment log lines dropped: log capture fell behind", now, 0));
        }
        if (!batch.isEmpty()) {
            save(batch);
        }
        if (now - lastCheckpoint >= CHECKPOINT_EVERY_MICROS && store.lastSeq() != checkpointedSeq) {
            saveCheckpoint();
            lastCheckpoint = now;
        }
        Map<String, Long> written = durable;
        if (written != releasedUpTo) {   // a checkpoint was written since the last look
            releasedUpTo = written;
            releaseDurable(written);
        }
        return lines > 0;
    }

    private int read(Source s, long now, List<LogEntry> batch) {
        OutputTailer.Read r;
        List<LogEntry> fresh = new ArrayList<>();
        Consumer<LineGrouper.Group> emit = g -> fresh.add(entry(s, g));
        try {
            r = s.tailer().poll(now, props.groupTimeout().toNanos() / 1000,
                    line -> s.grouper().accept(line.text(), line.end(), now, emit));
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", s.tailer().file, e.toString());
            return 0;
        }
        s.grouper().settle(now, emit);
        if (r.skippedLines() > 0 || r.truncated()) {
            counts.dropped(r.skippedLines());
            // The gap goes before the lines read after it; its offset is where reading resumed.
            batch.add(gap(s, r.skippedLines(), r.truncated() ? "output file was truncated; reading it again from the start"
                    : "lines dropped: log capture fell behind", now, r.resumedAt()));
        }
        batch.addAll(fresh);
        if (r.lines() > 0 || s.grouper().holding()) {
            s.idleSince()[0] = now;
        }
        return r.lines();
    }

    private LogEntry entry(Source s, LineGrouper.Group g) {
        InstanceMeta m = s.meta();
        return new LogEntry(0, g.timeMicros(), m.release(), m.processType(), m.instance(), s.stream(),
                (g.level() == null ? Level.INFO : g.level()).wire(), g.message(), s.tailer().source, g.end());
    }

    private LogEntry gap(Source s, long missed, String why, long now, long offset) {
        String message = missed > 0 ? "[gap] " + missed + " " + why : "[gap] " + why;
        return new LogEntry(0, now, s == null ? null : s.meta().release(), s == null ? null : s.meta().processType(),
                s == null ? "deploy" : s.meta().instance(), "system", "warn", message, s == null ? null : s.tailer().source,
                offset);
    }

    private void save(List<LogEntry> batch) {
        try {
            List<LogEntry> stored = store.append(batch);
            batch.clear();
            counts.ingested(stored.size());
            for (LogEntry e : stored) {
                if (e.source() != null) {
                    checkpoint.offsets().merge(e.source(), e.end(), Math::max);
                }
            }
            onStored.accept(stored);
        } catch (IOException e) {
            log.warn("Cannot store logs of {}/{} ({} entries waiting): {}", store.app(), store.env(), batch.size(), e.toString());
            if (batch.size() > MAX_UNSAVED) {
                counts.dropped(batch.size());
                batch.clear();
            }
        }
        unsavedCount = batch.size();
    }

    /**
     * Frees the disk blocks of output files up to what is durably stored (as of the last checkpoint), each time
     * another {@code output-release} is: an entry only in the page cache could still be lost with the machine.
     */
    private void releaseDurable(Map<String, Long> written) {
        long every = props.outputRelease().toBytes();
        for (Source s : sources.values()) {
            long stored = written.getOrDefault(s.tailer().source, 0L);
            if (stored - s.released()[0] >= every && space.release(s.tailer().file, stored)) {
                s.released()[0] = stored;
            }
        }
    }

    /**
     * Deletes the output file of a finished instance once all of it is durably stored: nothing will read it again.
     * Finished means the supervisor no longer knows it and the runtime's process record ({@code <uid>.json}) is
     * gone too, so a running app not yet re-adopted after a control-plane restart never loses its file. Tried when
     * capture forgets the file and again whenever discovery finds it (after a restart, or a failed try).
     */
    private void deleteIfStored(Path file, String source, String uid) {
        try {
            boolean processGone = !Files.exists(file.resolveSibling(uid + ".json"));
            if (processGone && unsaved.isEmpty() && lookup.apply(uid).isEmpty()
                    && durable.getOrDefault(source, 0L) >= Files.size(file)) {
                Files.delete(file);
                checkpoint.offsets().remove(source);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            checkpoint.offsets().remove(source);
        } catch (IOException e) {
            log.warn("Cannot delete the captured output file {}: {}", file, e.toString());
        }
    }

    private void discover(long now) {
        if (Files.isDirectory(runDir)) {
            try (Stream<Path> files = Files.list(runDir)) {
                files.forEach(f -> consider(f, now));
            } catch (IOException e) {
                log.warn("Cannot list {}: {}", runDir, e.toString());
            }
        }
        sources.values().removeIf(s -> {
            boolean gone = now - s.idleSince()[0] > FORGET_IDLE_MICROS && lookup.apply(s.uid()).isEmpty() && !s.grouper().holding();
            if (gone) {
                s.tailer().close();
                deleteIfStored(s.tailer().file, s.tailer().source, s.uid());
            }
            return gone;
        });
        checkpoint.instances().keySet().removeIf(uid -> sources.values().stream().noneMatch(s -> s.uid().equals(uid))
                && !checkpoint.offsets().containsKey(uid + ".stdout") && !checkpoint.offsets().containsKey(uid + ".stderr"));
    }

    private void consider(Path file, long now) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stream = dot < 0 ? "" : name.substring(dot + 1);
        if (!stream.equals("stdout") && !stream.equals("stderr") || sources.containsKey(name)) {
            return;
        }
        String uid = name.substring(0, dot);
        Optional<InstanceMeta> live = lookup.apply(uid);
        try {
            // A running instance is followed even before it writes; a finished one only if it left unread output.
            if (live.isEmpty() && Files.size(file) <= checkpoint.offsets().getOrDefault(name, 0L)) {
                deleteIfStored(file, name, uid);
                return;
            }
        } catch (IOException e) {
            return;
        }
        live.ifPresent(m -> checkpoint.instances().put(uid, m));
        InstanceMeta meta = live.orElseGet(() -> checkpoint.instances().getOrDefault(uid, InstanceMeta.unknown(uid)));
        // Both streams of an instance are followed together from the start, so their lines interleave by read time.
        for (String s : new String[] {"stdout", "stderr"}) {
            String source = uid + "." + s;
            if (!sources.containsKey(source)) {
                int maxLine = (int) props.maxLine().toBytes();
                sources.put(source, new Source(uid, s, new OutputTailer(runDir.resolve(source), source,
                        checkpoint.offsets().getOrDefault(source, 0L), maxLine, props.maxLag().toBytes()),
                        new LineGrouper(maxLine, props.groupTimeout().toNanos() / 1000), meta, new long[] {now}, new long[] {0}));
            }
        }
    }

    private void flushAll() {
        List<LogEntry> batch = unsaved;
        sources.values().forEach(s -> s.grouper().flush(g -> batch.add(entry(s, g))));
        inbox.drainTo(batch);
        if (!batch.isEmpty()) {
            save(batch);
        }
    }

    /**
     * Writes a checkpoint on the checkpoint thread, so that the capture loop never waits for the disk (an fsync
     * can take tens of milliseconds, and lines would wait with it); {@link #saveCheckpointNow()} when stopping.
     */
    private java.util.concurrent.Future<?> saveCheckpoint() {
        Checkpoint c = new Checkpoint(store.lastSeq(), new HashMap<>(checkpoint.offsets()), new HashMap<>(checkpoint.instances()));
        checkpointedSeq = c.seq();
        return CHECKPOINTS.submit(() -> write(c));   // after any still queued
    }

    private void saveCheckpointNow() {
        java.util.concurrent.Future<?> done = saveCheckpoint();
        boolean interrupted = Thread.interrupted();   // stopping interrupts this thread; the last checkpoint must still be waited for
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Cannot save the log capture checkpoint of {}/{}: {}", store.app(), store.env(), e.toString());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(Checkpoint c) {
        try {
            store.force();   // entries first: a checkpoint on disk never points past entries that are not
            c.save(storeDir(store));
            durable = c.offsets();
        } catch (IOException | RuntimeException e) {   // said here: nobody reads the periodic checkpoints' futures
            log.warn("Cannot save the log capture checkpoint of {}/{}: {}", store.app(), store.env(), e.toString());
        }
    }

    private long nowMicros() {
        return LogEntry.micros(clock.instant());
    }
}
