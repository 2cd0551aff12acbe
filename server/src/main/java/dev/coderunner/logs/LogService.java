package dev.coderunner.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.deploy.DeploymentView;
import dev.coderunner.events.Event;
import dev.coderunner.events.EventBus;
import dev.coderunner.runtime.InstanceSupervisor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every environment's logs: captures instance output and deployment lines, stores them durably, answers
 * queries, and publishes each stored entry on the bus channel {@code logs:<app>/<env>} with its cursor as
 * {@code seq} (so WebSocket clients resume by cursor, also across restarts). Started before the web
 * server and stopped before its graceful shutdown, so followers end cleanly.
 */
@Service
public class LogService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path logsDir;
    private final Path runDir;
    private final LogsProperties props;
    private final Clock clock;
    private final EventBus bus;
    private final InstanceSupervisor supervisor;
    private final LogSettingsStore settings;
    private final Counter ingested;
    private final Counter dropped;
    private final Map<String, EnvLog> logs = new ConcurrentHashMap<>();
    private final Map<String, EnvCapture> captures = new ConcurrentHashMap<>();
    private final Map<String, DeploymentView> deployments = new ConcurrentHashMap<>();
    private final List<Consumer<List<LogEntry>>> sinks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private volatile boolean running;

    LogService(CodeRunnerHome home, LogsProperties props, Clock clock, EventBus bus, InstanceSupervisor supervisor,
            LogSettingsStore settings, MeterRegistry meters) {
        this.logsDir = home.dir("logs");
        this.runDir = home.dir("run");
        this.props = props;
        this.clock = clock;
        this.bus = bus;
        this.supervisor = supervisor;
        this.settings = settings;
        this.ingested = Counter.builder("coderunner.logs.ingested").description("Log entries stored").baseUnit("entries").register(meters);
        this.dropped = Counter.builder("coderunner.logs.dropped")
                .description("Log lines lost because capture fell behind (each loss is also marked by a gap entry)").baseUnit("lines")
                .register(meters);
        meters.gauge("coderunner.logs.disk.bytes", logs, l -> l.values().stream().mapToLong(e -> e.usage().bytes()).sum());
        Gauge.builder("coderunner.logs.capture.queued", captures, c -> c.values().stream().mapToInt(EnvCapture::waiting).sum())
                .baseUnit("entries").description("Log entries taken in but not stored yet, all environments (each holds at most "
                        + EnvCapture.INBOX_CAPACITY + " deployment lines waiting)").register(meters);
    }

    @Override
    public void start() {
        running = true;
        subscriptions.add(bus.subscribe("deployments:*", e -> {
            if (e.data() instanceof DeploymentView d) {
                deployments.put(d.id(), d);
            }
        }));
        subscriptions.add(bus.subscribe("deployment:*", this::deploymentLine));
        subscriptions.add(bus.subscribe("instances:*", e -> {
            String env = e.channel().substring("instances:".length());
            EnvCapture c = captures.get(env);
            if (c != null) {
                c.discoverSoon();
            } else if (running) {
                Thread.ofVirtual().start(this::discover);   // a new environment: not on the publisher's thread
            }
        }));
        for (Path envDir : children(logsDir).stream().flatMap(a -> children(a).stream()).toList()) {
            // Late joiners and reconnecting WebSocket clients find the recent entries on the bus, as before the restart.
            EnvLog l = log(envDir.getParent().getFileName().toString(), envDir.getFileName().toString());
            String channel = "logs:" + l.app() + "/" + l.env();
            l.scanBackward(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, props.recent()).reversed()
                    .forEach(e -> bus.publishAt(channel, e.seq(), "log", e.view()));
        }
        discover();
    }

    @Override
    public void stop() {
        running = false;
        subscriptions.forEach(EventBus.Subscription::close);
        subscriptions.clear();
        logs.values().forEach(EnvLog::wakeAll);
        captures.values().forEach(EnvCapture::stop);
        captures.clear();
        logs.values().forEach(EnvLog::close);
        logs.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the drains start and after they stop; well before the web server's graceful shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    /** Starts capturing environments that have instance output (new ones appear as apps are deployed). */
    @Scheduled(fixedDelay = 1000)
    void discover() {
        if (!running) {
            return;
        }
        for (Path appDir : children(runDir)) {
            for (Path envDir : children(appDir)) {
                capture(appDir.getFileName().toString(), envDir.getFileName().toString());
            }
        }
    }

    @Scheduled(fixedDelayString = "${coderunner.logs.retention-interval:60s}")
    void enforceRetention() {
        for (EnvLog l : logs.values()) {
            LogSettingsStore.Retention r = retention(l.app(), l.env());
            try {
                long removed = l.enforce(r.maxAge(), r.maxBytes(), clock.instant());
                if (removed > 0) {
                    log.info("Log retention removed {} entries of {}/{}", removed, l.app(), l.env());
                }
            } catch (IOException e) {
                log.warn("Log retention of {}/{} failed: {}", l.app(), l.env(), e.toString());
            }
        }
    }

    /** One page of entries; see {@link LogQuery.Order} for what the cursor continues. */
    public Page query(String app, String env, LogQuery q) {
        EnvLog l = log(app, env);
        List<LogEntry> found = switch (q.order()) {
            case ASC -> l.scanForward(q.cursor() == null ? 0 : q.cursor(), q.sinceMicros(), q.untilMicros(), q.filter(), q.limit() + 1);
            case DESC, TAIL -> l.scanBackward(q.cursor() == null ? Long.MAX_VALUE : q.cursor(), q.sinceMicros(), q.untilMicros(), q.filter(),
                    q.limit() + 1);
        };
        boolean more = found.size() > q.limit();
        List<LogEntry> page = more ? found.subList(0, q.limit()) : found;
        String next = more ? Long.toString(page.getLast().seq()) : null;
        List<LogEntry> ordered = q.order() == LogQuery.Order.TAIL ? page.reversed() : page;
        return new Page(ordered.stream().map(LogEntry::view).toList(), next);
    }

    /** A page of entries and the cursor of the next one (null at the end). */
    public record Page(List<LogEntry.LogLine> items, String nextCursor) {
    }

    /** Disk use, extent and retention of an environment's log. */
    public Map<String, Object> usage(String app, String env) {
        EnvLog.Usage u = log(app, env).usage();
        LogSettingsStore.Retention r = retention(app, env);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("bytes", u.bytes());
        m.put("segments", u.segments());
        m.put("firstCursor", Long.toString(u.firstCursor()));
        m.put("lastCursor", Long.toString(u.lastCursor()));
        m.put("oldest", u.oldest() == null ? null : u.oldest().toString());
        m.put("newest", u.newest() == null ? null : u.newest().toString());
        m.put("retention", Map.of("maxAge", r.maxAge().toString(), "maxSize", r.maxBytes()));
        return m;
    }

    LogSettingsStore.Retention retention(String app, String env) {
        return settings.find(app, env).orElseGet(() -> new LogSettingsStore.Retention(props.maxAge(), props.maxSize().toBytes()));
    }

    void setRetention(String app, String env, LogSettingsStore.Retention r) {
        settings.save(app, env, r);
    }

    /** Calls {@code sink} with every batch of stored entries (drains, tests); it must not block. */
    void onStored(Consumer<List<LogEntry>> sink) {
        sinks.add(sink);
    }

    boolean closing() {
        return !running;
    }

    LogsProperties properties() {
        return props;
    }

    EnvLog log(String app, String env) {
        return logs.computeIfAbsent(app + "/" + env, k -> new EnvLog(app, env, logsDir.resolve(app).resolve(env), props.segmentSize().toBytes()));
    }

    private EnvCapture capture(String app, String env) {
        return captures.computeIfAbsent(app + "/" + env, k -> {
            EnvCapture c = new EnvCapture(log(app, env), runDir.resolve(app).resolve(env), props, clock, this::instanceMeta,
                    stored -> stored(app, env, stored), new EnvCapture.Counts() {
                        @Override
                        public void ingested(long n) {
                            ingested.increment(n);
                        }

                        @Override
                        public void dropped(long n) {
                            dropped.increment(n);
                        }
                    });
            c.start();
            return c;
        });
    }

    private Optional<InstanceMeta> instanceMeta(String uid) {
        return supervisor.instance(uid).map(v -> new InstanceMeta(v.id(), v.processType(), v.release()));
    }

    private void stored(String app, String env, List<LogEntry> entries) {
        String channel = "logs:" + app + "/" + env;
        for (LogEntry e : entries) {
            bus.publishAt(channel, e.seq(), "log", e.view());
        }
        for (Consumer<List<LogEntry>> sink : sinks) {
            try {
                sink.accept(Collections.unmodifiableList(entries));
            } catch (RuntimeException ex) {
                log.warn("Log sink failed: {}", ex.toString());
            }
        }
    }

    /** A line of a deployment's log, taken in as an entry of instance {@code deploy}. */
    private void deploymentLine(Event event) {
        if (!"log".equals(event.type())) {
            return;
        }
        DeploymentView d = deployments.get(event.channel().substring("deployment:".length()));
        if (d == null) {
            return;
        }
        JsonNode line = JSON.valueToTree(event.data());
        String text = line.path("line").asString("");
        Level level = Level.detect(text);
        capture(d.app(), d.env()).offer(new LogEntry(0, LogEntry.micros(event.time()), d.release(), null, "deploy", "deploy",
                (level == null ? Level.INFO : level).wire(), text, null, 0));
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
