package dev.coderunner.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.events.EventBus;
import dev.coderunner.router.RouteStats;
import dev.coderunner.router.RouterServer;
import dev.coderunner.runtime.InstanceSupervisor;
import dev.coderunner.runtime.InstanceView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Samples every environment each interval: its instances' processes (CPU, memory, threads, open files)
 * and state from the supervisor, its traffic from the router. Writes the samples and their 1-, 5- and
 * 30-minute roll-ups to the store, keeps the newest in memory for {@link MetricsService#current}, and
 * publishes them on {@code metrics:<app>/<env>}. One thread; a round costs one pass over {@code /proc}.
 * The first round after a start carries on the roll-up periods the previous control plane left open.
 */
@Component
class MetricsCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MetricsCollector.class);
    /** The roll-up resolutions, in seconds; kept as long as {@code coderunner.metrics.retention}. */
    static final int[] COARSE_STEPS = {60, 300, 1800};

    private record CpuMark(long ticks, long nanos) {
    }

    private final InstanceSupervisor supervisor;
    private final ObjectProvider<RouterServer> router;
    private final AppService apps;
    private final MetricsStore store;
    private final EventBus bus;
    private final Clock clock;
    private final MetricsProperties properties;
    private final ProcessGroupReader proc;
    private final int[] coarseSteps;
    private final RollupReplay replay;
    private Rollups rollups;
    private final Map<Long, CpuMark> cpuMarks = new HashMap<>();
    private final Map<String, RouteStats> lastRoutes = new HashMap<>();
    private final Timer duration;
    private final Counter dropped;
    private volatile Sample.Latest latest = Sample.Latest.NONE;
    private volatile ScheduledExecutorService timer;
    private long lastSlot = Long.MIN_VALUE;
    private long lastPrune = Long.MIN_VALUE;

    MetricsCollector(InstanceSupervisor supervisor, ObjectProvider<RouterServer> router, AppService apps, MetricsStore store,
            EventBus bus, Clock clock, MetricsProperties properties, MeterRegistry meters) {
        this.supervisor = supervisor;
        this.router = router;
        this.apps = apps;
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.properties = properties;
        this.proc = ProcessGroupReader.system();
        this.coarseSteps = java.util.stream.IntStream.of(COARSE_STEPS).filter(s -> s > properties.intervalSeconds()).toArray();
        this.rollups = new Rollups(coarseSteps);
        this.replay = new RollupReplay(store, properties.intervalSeconds());
        this.duration = Timer.builder("coderunner.metrics.collection").description("Time one metrics collection round takes")
                .register(meters);
        this.dropped = Counter.builder("coderunner.metrics.dropped.samples")
                .description("Samples not stored: over coderunner.metrics.max-series, or the database refused them").register(meters);
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-collector");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.interval().toMillis();
        // Rounds fall on wall-clock multiples of the interval, so samples line up across restarts.
        long delay = interval - Math.floorMod(clock.millis(), interval);
        timer.scheduleAtFixedRate(this::collectSafely, delay, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    Sample.Latest latest() {
        return latest;
    }

    private void collectSafely() {
        try {
            collect();
        } catch (RuntimeException e) {
            log.warn("Metrics collection failed: {}", e.toString());
        }
    }

    /** One round; returns false when this interval was already sampled. Tests call it directly. */
    synchronized boolean collect() {
        int step = properties.intervalSeconds();
        long slot = Math.round(clock.millis() / 1000.0 / step) * step;
        if (lastSlot == Long.MIN_VALUE) {
            // After a restart within one interval, the previous control plane may have stored this slot already.
            long stored = store.newest(step).orElse(Long.MIN_VALUE);
            resumeRollups();
            lastSlot = stored;
        }
        if (slot <= lastSlot) {
            return false;
        }
        lastSlot = slot;
        long began = System.nanoTime();
        List<Point> points = new ArrayList<>(rollups.flush(slot));
        Map<String, Sample> samples = sample(step, slot, points);
        samples.values().forEach(s -> {
            points.add(s.environment());
            points.addAll(s.instances());
        });
        try {
            store.insert(points);
        } catch (DataAccessException e) {
            dropped.increment(points.size());
            log.warn("Could not store {} metric samples: {}", points.size(), e.getMostSpecificCause().toString());
        }
        latest = new Sample.Latest(slot, samples);
        samples.forEach((key, s) -> bus.publish("metrics:" + key, "sample", live(s)));
        prune(slot);
        duration.record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
        return true;
    }

    /**
     * Rebuilds the open roll-up periods from the stored samples (all of them are older than this round's)
     * and writes those that ended while the control plane was down. On a database error the roll-ups
     * start empty, as before there was a replay, rather than half-filled.
     */
    private void resumeRollups() {
        Rollups rebuilt = new Rollups(coarseSteps);
        List<Point> completed;
        try {
            completed = replay.into(rebuilt);
        } catch (DataAccessException e) {
            log.warn("Could not rebuild the open metric roll-ups from stored samples: {}", e.getMostSpecificCause().toString());
            return;
        }
        rollups = rebuilt;
        try {
            store.insert(completed);
        } catch (DataAccessException e) {
            dropped.increment(completed.size());
            log.warn("Could not store {} metric roll-ups: {}", completed.size(), e.getMostSpecificCause().toString());
        }
    }

    /** Samples every environment; roll-ups this completes are added to {@code completed}. */
    private Map<String, Sample> sample(int step, long slot, List<Point> completed) {
        List<InstanceView> views = supervisor.all();
        Set<Long> groups = new HashSet<>();
        views.forEach(v -> {
            if (v.pid() != null) {
                groups.add(v.pid());
            }
        });
        Map<Long, ProcessGroupReader.Usage> usage = proc.read(groups);
        long now = System.nanoTime();
        Map<String, List<InstanceView>> byEnv = new TreeMap<>();
        for (InstanceView v : views) {
            if (!"stopped".equals(v.state())) {
                byEnv.computeIfAbsent(Sample.key(v.app(), v.env()), k -> new ArrayList<>()).add(v);
            }
        }
        Map<String, RouteStats> routes = new HashMap<>();
        RouterServer r = router.getIfAvailable();
        if (r != null) {
            r.stats().forEach(s -> routes.put(Sample.key(s.app(), s.env()), s));
        }
        Map<String, Sample> out = new LinkedHashMap<>();
        int series = 0;
        for (Environment env : apps.allEnvironments()) {
            String key = Sample.key(env.app(), env.name());
            List<InstanceView> instances = byEnv.getOrDefault(key, List.of());
            RouteStats route = routes.get(key);
            if (instances.isEmpty() && route == null) {
                continue;
            }
            List<Point> instancePoints = instancePoints(step, slot, env, instances, usage, now);
            series += 1 + instancePoints.size();
            if (series > properties.maxSeries()) {
                dropped.increment(1 + instancePoints.size());
                continue;
            }
            long[] latency = route == null ? null : Percentiles.delta(route.latencyBuckets(),
                    lastRoutes.containsKey(key) ? lastRoutes.get(key).latencyBuckets() : null);
            Point envPoint = environmentPoint(step, slot, env, instancePoints, route, lastRoutes.get(key), latency);
            if (route != null) {
                lastRoutes.put(key, route);
            }
            completed.addAll(rollups.add(envPoint, latency));
            instancePoints.forEach(p -> completed.addAll(rollups.add(p, null)));
            out.put(key, new Sample(envPoint, instancePoints));
        }
        lastRoutes.keySet().retainAll(routes.keySet());
        cpuMarks.keySet().retainAll(groups);
        return out;
    }

    private List<Point> instancePoints(int step, long slot, Environment env, List<InstanceView> views,
            Map<Long, ProcessGroupReader.Usage> usage, long now) {
        // Two instances share an id ("web.1") while a deploy replaces one with the other: one series, summed.
        Map<String, List<InstanceView>> byId = new TreeMap<>(Comparator.naturalOrder());
        views.forEach(v -> byId.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v));
        List<Point> out = new ArrayList<>();
        byId.forEach((id, same) -> {
            double[] values = Field.empty();
            for (InstanceView v : same) {
                ProcessGroupReader.Usage u = v.pid() == null ? null : usage.get(v.pid());
                if (u != null) {
                    add(values, Field.MEMORY_BYTES, u.rssBytes());
                    add(values, Field.THREADS, u.threads());
                    add(values, Field.OPEN_FILES, u.openFiles());
                    CpuMark before = cpuMarks.put(v.pid(), new CpuMark(u.cpuTicks(), now));
                    if (before != null && now > before.nanos()) {
                        double seconds = Math.max(0, u.cpuTicks() - before.ticks()) / (double) ProcessGroupReader.TICKS_PER_SECOND;
                        add(values, Field.CPU_PERCENT, 100 * seconds / ((now - before.nanos()) / 1e9));
                    }
                }
                add(values, Field.RESTARTS, v.restarts());
                if (v.uptimeSeconds() != null) {
                    double up = values[Field.UPTIME_SECONDS.ordinal()];
                    values[Field.UPTIME_SECONDS.ordinal()] = Double.isNaN(up) ? v.uptimeSeconds() : Math.min(up, v.uptimeSeconds());
                }
                boolean sick = "unhealthy".equals(v.state()) || "crashed".equals(v.state());
                values[Field.UNHEALTHY.ordinal()] = sick || values[Field.UNHEALTHY.ordinal()] == 1 ? 1 : 0;
            }
            out.add(new Point(step, env.app(), env.name(), id, same.getFirst().processType(), slot, values));
        });
        return out;
    }

    private static Point environmentPoint(int step, long slot, Environment env, List<Point> instances, RouteStats route,
            RouteStats before, long[] latency) {
        double[] values = Field.empty();
        int running = 0;
        for (Point p : instances) {
            for (Field f : new Field[] {Field.CPU_PERCENT, Field.MEMORY_BYTES, Field.THREADS, Field.OPEN_FILES, Field.RESTARTS,
                Field.UNHEALTHY}) {
                if (!Double.isNaN(p.get(f))) {
                    add(values, f, p.get(f));
                }
            }
            running++;
        }
        values[Field.INSTANCES.ordinal()] = running;
        if (Double.isNaN(values[Field.UNHEALTHY.ordinal()])) {
            values[Field.UNHEALTHY.ordinal()] = 0;
        }
        long total = 0;
        for (int i = 0; i < Field.STATUS.length; i++) {
            long n = route == null ? 0 : counterDelta(route.byStatusClass()[i], before == null ? 0 : before.byStatusClass()[i]);
            values[Field.STATUS[i].ordinal()] = n;
            total += n;
        }
        values[Field.REQUESTS.ordinal()] = total;
        values[Field.BYTES_IN.ordinal()] = route == null ? 0 : counterDelta(route.bytesIn(), before == null ? 0 : before.bytesIn());
        values[Field.BYTES_OUT.ordinal()] = route == null ? 0 : counterDelta(route.bytesOut(), before == null ? 0 : before.bytesOut());
        values[Field.IN_FLIGHT.ordinal()] = route == null ? 0 : route.inFlight();
        if (latency != null) {
            values[Field.LATENCY_P50_MS.ordinal()] = Percentiles.quantileMs(latency, 0.50);
            values[Field.LATENCY_P95_MS.ordinal()] = Percentiles.quantileMs(latency, 0.95);
            values[Field.LATENCY_P99_MS.ordinal()] = Percentiles.quantileMs(latency, 0.99);
        }
        return new Point(step, env.app(), env.name(), Point.ENVIRONMENT, null, slot, values);
    }

    private static long counterDelta(long now, long before) {
        return now >= before ? now - before : now;
    }

    private static void add(double[] values, Field f, double v) {
        double old = values[f.ordinal()];
        values[f.ordinal()] = Double.isNaN(old) ? v : old + v;
    }

    /** The live message of {@code metrics:<app>/<env>}: the figures of this interval. */
    static Map<String, Object> live(Sample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", java.time.Instant.ofEpochSecond(s.environment().epochSecond()).toString());
        m.put("step", s.environment().step());
        m.put("environment", Figure.all(s.environment()));
        m.put("instances", s.instances().stream().map(MetricsCollector::liveInstance).toList());
        return m;
    }

    /** One instance's figures, with its slot and process type. */
    static Map<String, Object> liveInstance(Point p) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("instance", p.instance());
        i.put("processType", p.processType());
        i.putAll(Figure.all(p));
        return i;
    }

    /** Once a minute: drops samples older than their resolution's retention. */
    private void prune(long slot) {
        if (lastPrune != Long.MIN_VALUE && slot - lastPrune < 60) {
            return;
        }
        boolean first = lastPrune == Long.MIN_VALUE;
        lastPrune = slot;
        try {
            if (first) {
                store.pruneOtherSteps(properties.intervalSeconds(), coarseSteps);   // resolutions an older version kept
            }
            store.prune(properties.intervalSeconds(), slot - properties.rawRetention().toSeconds());
            for (int step : coarseSteps) {
                store.prune(step, slot - properties.retention().toSeconds());
            }
        } catch (DataAccessException e) {
            log.warn("Could not prune metric samples: {}", e.getMostSpecificCause().toString());
        }
    }
}
