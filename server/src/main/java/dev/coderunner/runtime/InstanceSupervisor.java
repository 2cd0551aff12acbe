package dev.coderunner.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.coderunner.events.EventBus;
import dev.coderunner.health.HealthCheckSpec;
import dev.coderunner.health.HealthProbe;
import dev.coderunner.router.Backend;
import dev.coderunner.router.RouteTable;
import dev.coderunner.router.RouterServer;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps launched instances alive and observed: probes their health, restarts crashed ones with
 * exponential backoff, publishes every state change, and keeps the router's view of each environment
 * to the healthy instances of the release it serves. What should run is decided elsewhere (deploys,
 * scaling); the supervisor only carries it out.
 */
@Service
public class InstanceSupervisor {

    private static final Logger log = LoggerFactory.getLogger(InstanceSupervisor.class);
    private static final Duration FAST_PROBE = Duration.ofMillis(200);
    private static final Duration UP_WITHOUT_PORT = Duration.ofSeconds(1);

    private final Runtime runtime;
    private final HealthProbe probe;
    private final RouteTable routes;
    private final EventBus bus;
    private final Clock clock;
    private final PortAllocator ports;
    private final Duration stopGrace;
    private final boolean stopOnShutdown;
    private final ObjectProvider<RouterServer> router;
    private final Duration drainTimeout;
    private final Map<String, Instance> byUid = new ConcurrentHashMap<>();
    private final Map<String, Integer> servingRelease = new ConcurrentHashMap<>();
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

    InstanceSupervisor(Runtime runtime, HealthProbe probe, RouteTable routes, EventBus bus, Clock clock, PortAllocator ports,
            @Value("${coderunner.runtime.stop-grace:10s}") Duration stopGrace,
            @Value("${coderunner.runtime.stop-on-shutdown:false}") boolean stopOnShutdown, ObjectProvider<RouterServer> router,
            @Value("${coderunner.runtime.drain-timeout:30s}") Duration drainTimeout) {
        this.runtime = runtime;
        this.probe = probe;
        this.routes = routes;
        this.bus = bus;
        this.clock = clock;
        this.ports = ports;
        this.stopGrace = stopGrace;
        this.stopOnShutdown = stopOnShutdown;
        this.router = router;
        this.drainTimeout = drainTimeout;
    }

    /**
     * Apps keep running when the control plane stops (the next one adopts them), unless
     * {@code coderunner.runtime.stop-on-shutdown} is set, as tests do.
     */
    @jakarta.annotation.PreDestroy
    void shutdown() {
        if (stopOnShutdown) {
            retire(byUid.keySet());
        }
        probes.shutdownNow();
    }

    /** Starts an instance and supervises it from now on. */
    public InstanceView launch(InstanceSpec spec, HealthCheckSpec health) {
        Instance instance = new Instance(spec, health);
        byUid.put(spec.uid(), instance);
        start(instance);
        return instance.view(clock);
    }

    /** Takes over an instance an earlier control plane started; {@code spec} carries the full environment for restarts. */
    public void adopt(InstanceHandle handle, InstanceSpec spec, HealthCheckSpec health) {
        Instance instance = new Instance(spec, health);
        instance.handle = handle;
        instance.launchedAt = handle.startedAt();
        instance.nextProbeAt = clock.instant();
        if (spec.routed()) {
            ports.claim(spec.port());
        }
        byUid.put(spec.uid(), instance);
        watchExit(instance, handle);
        changed(instance);
    }

    public List<InstanceView> instances(String app, String env) {
        return byUid.values().stream().filter(i -> i.spec.app().equals(app) && i.spec.env().equals(env))
                .sorted(Comparator.comparing((Instance i) -> i.spec.processType()).thenComparingInt(i -> i.spec.index())
                        .thenComparingInt(i -> i.spec.release()))
                .map(i -> i.view(clock)).toList();
    }

    public Optional<InstanceView> instance(String uid) {
        return Optional.ofNullable(byUid.get(uid)).map(i -> i.view(clock));
    }

    /** What the instance last wrote, for reports; empty when it is unknown. */
    public List<String> recentOutput(String uid, int lines) {
        Instance i = byUid.get(uid);
        return i == null ? List.of() : runtime.recentOutput(i.spec, lines);
    }

    /** Routes the environment's traffic to the healthy web instances of {@code release}. */
    public void serve(String app, String env, int release) {
        servingRelease.put(key(app, env), release);
        updateRoutes(app, env);
    }

    public Optional<Integer> serving(String app, String env) {
        return Optional.ofNullable(servingRelease.get(key(app, env)));
    }

    /**
     * Stops instances: first out of the router, then SIGTERM, then SIGKILL after the grace period.
     * Returns once all are gone.
     */
    public void retire(Collection<String> uids) {
        List<Instance> leaving = List.copyOf(uids).stream().map(byUid::get).filter(java.util.Objects::nonNull).toList();
        leaving.forEach(i -> {
            i.retiring = true;
            i.state = InstanceState.STOPPING;
            changed(i);
        });
        leaving.stream().map(i -> i.spec.app() + "\0" + i.spec.env()).distinct()
                .forEach(k -> updateRoutes(k.substring(0, k.indexOf('\0')), k.substring(k.indexOf('\0') + 1)));
        try (var stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            leaving.forEach(i -> stoppers.submit(() -> stopNow(i)));
        }
    }

    /** Forgets an environment entirely (its app was deleted): stops everything and drops its route. */
    public void retireEnvironment(String app, String env) {
        retire(instances(app, env).stream().map(InstanceView::uid).toList());
        servingRelease.remove(key(app, env));
        routes.remove(app, env);
    }

    @Scheduled(fixedDelay = 200)
    void tick() {
        Instant now = clock.instant();
        for (Instance i : byUid.values()) {
            if (i.retiring) {
                continue;
            }
            if (i.state == InstanceState.CRASHED && i.restartAt != null && !now.isBefore(i.restartAt)) {
                start(i);
            } else if (i.state != InstanceState.CRASHED && i.nextProbeAt != null && !now.isBefore(i.nextProbeAt)
                    && i.probing.compareAndSet(false, true)) {
                probes.submit(() -> check(i));
            }
        }
    }

    private void start(Instance i) {
        i.state = InstanceState.STARTING;
        i.failedChecks = 0;
        try {
            InstanceHandle handle = runtime.start(i.spec);
            i.handle = handle;
            i.launchedAt = clock.instant();
            i.nextProbeAt = clock.instant();
            watchExit(i, handle);
        } catch (RuntimeException e) {
            log.warn("Could not start {} of {}/{}: {}", i.spec.id(), i.spec.app(), i.spec.env(), e.getMessage());
            crashed(i, null, "could not start: " + e.getMessage());
            return;
        }
        changed(i);
    }

    private void watchExit(Instance i, InstanceHandle handle) {
        handle.onExit().thenAccept(code -> {
            if (i.handle != handle) {
                return;
            }
            runtime.forget(i.spec);
            if (i.retiring) {
                return;
            }
            crashed(i, code, code != null && code >= 0 ? "exited with code " + code : "exited");
        });
    }

    private void crashed(Instance i, Integer code, String reason) {
        boolean wasStable = i.launchedAt != null && Duration.between(i.launchedAt, clock.instant()).compareTo(Duration.ofSeconds(60)) >= 0;
        i.consecutiveCrashes = wasStable ? 1 : i.consecutiveCrashes + 1;
        i.restarts++;
        i.lastExitCode = code;
        i.reason = reason;
        i.state = InstanceState.CRASHED;
        i.restartAt = clock.instant().plus(i.backoff());
        changed(i);
    }

    private void check(Instance i) {
        try {
            InstanceHandle handle = i.handle;
            if (i.retiring || handle == null || !handle.isAlive()) {
                return;
            }
            Instant now = clock.instant();
            if (!i.spec.routed()) {
                if (i.state == InstanceState.STARTING && Duration.between(i.launchedAt, now).compareTo(UP_WITHOUT_PORT) >= 0) {
                    move(i, InstanceState.RUNNING, null);
                }
                i.nextProbeAt = now.plus(i.state == InstanceState.STARTING ? FAST_PROBE : i.health.interval());
                return;
            }
            HealthProbe.Result result = probe.check(i.health, i.spec.port());
            judge(i, result, now);
        } finally {
            i.probing.set(false);
        }
    }

    private void judge(Instance i, HealthProbe.Result result, Instant now) {
        if (i.retiring || i.state == InstanceState.CRASHED) {
            return;
        }
        if (result.ok()) {
            i.failedChecks = 0;
            move(i, InstanceState.HEALTHY, null);
            i.nextProbeAt = now.plus(i.health.interval());
            return;
        }
        i.failedChecks++;
        boolean starting = i.state == InstanceState.STARTING;
        boolean inGrace = starting && Duration.between(i.launchedAt, now).compareTo(i.health.grace()) < 0;
        if (!inGrace && (starting || i.failedChecks >= i.health.retries())) {
            move(i, InstanceState.UNHEALTHY, result.reason());
        } else {
            i.reason = result.reason();
        }
        i.nextProbeAt = now.plus(starting || i.state == InstanceState.UNHEALTHY ? FAST_PROBE.multipliedBy(starting ? 1 : 5)
                : i.health.interval());
    }

    private void move(Instance i, InstanceState next, String reason) {
        if (i.state == next) {
            return;
        }
        i.state = next;
        i.reason = reason;
        changed(i);
    }

    private void stopNow(Instance i) {
        drain(i);
        InstanceHandle handle = i.handle;
        if (handle != null) {
            handle.stop(stopGrace);
            runtime.forget(i.spec);
        }
        i.state = InstanceState.STOPPED;
        byUid.remove(i.spec.uid());
        if (i.spec.routed()) {
            ports.release(i.spec.port());
        }
        changed(i);
    }

    /** Out of the route table already: let the requests still in flight to it finish, up to the drain timeout. */
    private void drain(Instance i) {
        RouterServer server = router.getIfAvailable();
        if (server == null || !i.spec.routed()) {
            return;
        }
        Backend backend = new Backend(i.spec.id(), "127.0.0.1", i.spec.port());
        Instant deadline = clock.instant().plus(drainTimeout);
        while (server.inFlight(backend) > 0 && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void changed(Instance i) {
        bus.publish("instances:" + i.spec.app() + "/" + i.spec.env(), "instance", i.view(clock));
        updateRoutes(i.spec.app(), i.spec.env());
    }

    private void updateRoutes(String app, String env) {
        Integer release = servingRelease.get(key(app, env));
        List<Backend> backends = release == null ? List.of() : byUid.values().stream()
                .filter(i -> i.spec.app().equals(app) && i.spec.env().equals(env) && i.spec.release() == release)
                .filter(i -> i.spec.routed() && !i.retiring && i.state == InstanceState.HEALTHY)
                .sorted(Comparator.comparingInt(i -> i.spec.index()))
                .map(i -> new Backend(i.spec.id(), "127.0.0.1", i.spec.port()))
                .toList();
        routes.update(app, env, backends);
    }

    private static String key(String app, String env) {
        return app + "/" + env;
    }
}
