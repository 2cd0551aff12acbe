package dev.coderunner.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.coderunner.events.EventBus;
import dev.coderunner.health.HealthCheckSpec;
import dev.coderunner.health.HealthProbe;
import dev.coderunner.router.Backend;
import dev.coderunner.router.RouteTable;
import dev.coderunner.router.RouterServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps launched instances alive and observed: probes their health, restarts crashed ones with
 * exponential backoff (flagging crash loops), restarts instances that stay unhealthy, publishes every
 * state change, and keeps the router's view of each environment to the healthy instances of the
 * releases it serves. What should run is decided elsewhere (deploys, scaling); this only carries it out.
 */
@Service
public class InstanceSupervisor {

    private static final Logger log = LoggerFactory.getLogger(InstanceSupervisor.class);
    private static final Duration FAST_PROBE = Duration.ofMillis(200);
    private static final Duration UP_WITHOUT_CHECK = Duration.ofSeconds(1);

    private final Runtime runtime;
    private final HealthProbe probe;
    private final RouteTable routes;
    private final EventBus bus;
    private final Clock clock;
    private final PortAllocator ports;
    private final SupervisorSettings settings;
    private final ObjectProvider<RouterServer> router;
    private final Map<String, Instance> byUid = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> servingReleases = new ConcurrentHashMap<>();
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

    InstanceSupervisor(Runtime runtime, HealthProbe probe, RouteTable routes, EventBus bus, Clock clock, PortAllocator ports,
            SupervisorSettings settings, ObjectProvider<RouterServer> router) {
        this.runtime = runtime;
        this.probe = probe;
        this.routes = routes;
        this.bus = bus;
        this.clock = clock;
        this.ports = ports;
        this.settings = settings;
        this.router = router;
    }

    /** Apps keep running when the control plane stops (the next one adopts them), unless {@code stop-on-shutdown} is set, as tests do. */
    @jakarta.annotation.PreDestroy
    void shutdown() {
        if (settings.stopOnShutdown()) {
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

    /** Every supervised instance of every environment (for metrics collection). */
    public List<InstanceView> all() {
        return byUid.values().stream().map(i -> i.view(clock)).toList();
    }

    public Optional<InstanceView> instance(String uid) {
        return Optional.ofNullable(byUid.get(uid)).map(i -> i.view(clock));
    }

    /** What the instance last wrote, for reports; empty when it is unknown. */
    public List<String> recentOutput(String uid, int lines) {
        Instance i = byUid.get(uid);
        return i == null ? List.of() : runtime.recentOutput(i.spec, lines);
    }

    /** Routes the environment's traffic to the healthy web instances of these releases (two during a rolling deploy). */
    public void serve(String app, String env, Integer... releases) {
        servingReleases.put(key(app, env), Set.of(releases));
        updateRoutes(app, env);
    }

    /** Stops instances: first out of the router, drained, then SIGTERM, then SIGKILL after the grace period. Returns once all are gone. */
    public void retire(Collection<String> uids) {
        List<Instance> leaving = List.copyOf(uids).stream().map(byUid::get).filter(Objects::nonNull).toList();
        leaving.forEach(i -> {
            i.retiring = true;
            move(i, InstanceState.STOPPING, null);
        });
        try (var stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            leaving.forEach(i -> stoppers.submit(() -> stopNow(i)));
        }
    }

    /** Forgets an environment entirely (its app was deleted): stops everything and drops its route. */
    public void retireEnvironment(String app, String env) {
        retire(instances(app, env).stream().map(InstanceView::uid).toList());
        servingReleases.remove(key(app, env));
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
            } else if (i.state == InstanceState.UNHEALTHY && i.unhealthySince != null
                    && Duration.between(i.unhealthySince, now).compareTo(settings.unhealthyRestartAfter()) >= 0) {
                probes.submit(() -> restartUnhealthy(i));
            } else if (i.state != InstanceState.CRASHED && i.nextProbeAt != null && !now.isBefore(i.nextProbeAt)
                    && i.probing.compareAndSet(false, true)) {
                probes.submit(() -> check(i));
            }
        }
    }

    private void start(Instance i) {
        i.failedChecks = 0;
        i.passedChecks = 0;
        i.unhealthySince = null;
        try {
            InstanceHandle handle = runtime.start(i.spec);
            i.handle = handle;
            i.launchedAt = clock.instant();
            i.nextProbeAt = clock.instant();
            move(i, InstanceState.STARTING, null);
            watchExit(i, handle);
        } catch (RuntimeException e) {
            log.warn("Could not start {} of {}/{}: {}", i.spec.id(), i.spec.app(), i.spec.env(), e.getMessage());
            crashed(i, null, "could not start: " + e.getMessage());
        }
    }

    private void restartUnhealthy(Instance i) {
        InstanceHandle handle = i.handle;
        if (i.retiring || i.state != InstanceState.UNHEALTHY || handle == null) {
            return;
        }
        String why = "unhealthy for " + settings.unhealthyRestartAfter().toSeconds() + " s (" + i.reason + "); restarting";
        i.unhealthySince = null;
        i.handle = null;
        handle.stop(settings.stopGrace());
        runtime.forget(i.spec);
        i.restarts++;
        i.record(clock.instant(), i.state, InstanceState.STOPPING, why);
        start(i);
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
            crashed(i, code, code != null && code >= 0 ? describeExit(code) : "exited");
        });
    }

    private static String describeExit(int code) {
        return code > 128 && code < 160 ? "killed by signal " + (code - 128) : "exited with code " + code;
    }

    private void crashed(Instance i, Integer code, String reason) {
        Instant now = clock.instant();
        boolean wasStable = i.launchedAt != null && Duration.between(i.launchedAt, now).compareTo(Duration.ofSeconds(60)) >= 0;
        i.consecutiveCrashes = wasStable ? 1 : i.consecutiveCrashes + 1;
        i.crashLoop = i.crashedAndLooping(now, settings.crashLoopRestarts(), settings.crashLoopWindow());
        i.restarts++;
        i.lastExitCode = code;
        Duration delay = i.crashLoop ? settings.maxBackoff() : i.backoff(settings.maxBackoff());
        i.restartAt = now.plus(delay);
        String why = i.crashLoop ? reason + "; crash loop (" + settings.crashLoopRestarts() + " crashes within "
                + settings.crashLoopWindow().toMinutes() + " min), next try in " + delay.toSeconds() + " s" : reason;
        move(i, InstanceState.CRASHED, why);
    }

    private void check(Instance i) {
        try {
            InstanceHandle handle = i.handle;
            if (i.retiring || handle == null || !handle.isAlive()) {
                return;
            }
            Instant now = clock.instant();
            boolean checked = i.spec.routed() || i.health != null && i.health.command() != null;
            if (!checked) {
                if (i.state == InstanceState.STARTING && Duration.between(i.launchedAt, now).compareTo(UP_WITHOUT_CHECK) >= 0) {
                    move(i, InstanceState.RUNNING, null);
                }
                i.nextProbeAt = now.plus(i.state == InstanceState.STARTING ? FAST_PROBE : Duration.ofSeconds(10));
                return;
            }
            HealthCheckSpec health = i.health == null ? HealthCheckSpec.DEFAULT : i.health;
            judge(i, health, probe.check(health, i.spec.port(), i.spec.workDir(), i.spec.environment()), now);
        } finally {
            i.probing.set(false);
        }
    }

    private void judge(Instance i, HealthCheckSpec health, HealthProbe.Result result, Instant now) {
        if (i.retiring || i.state == InstanceState.CRASHED) {
            return;
        }
        boolean starting = i.state == InstanceState.STARTING;
        if (result.ok()) {
            i.failedChecks = 0;
            i.passedChecks++;
            if (i.passedChecks >= health.successes()) {
                i.unhealthySince = null;
                move(i, InstanceState.HEALTHY, null);
            }
            i.nextProbeAt = now.plus(i.state == InstanceState.HEALTHY ? health.interval() : FAST_PROBE);
            return;
        }
        i.passedChecks = 0;
        i.failedChecks++;
        boolean inGrace = starting && Duration.between(i.launchedAt, now).compareTo(health.grace()) < 0;
        if (!inGrace && (starting || i.failedChecks >= health.retries()) && i.state != InstanceState.UNHEALTHY) {
            i.unhealthySince = now;
            move(i, InstanceState.UNHEALTHY, result.reason());
        } else {
            i.reason = result.reason();
        }
        // Recheck soon while starting or unhealthy, so a recovery is noticed within one interval.
        Duration next = starting ? FAST_PROBE : i.state == InstanceState.UNHEALTHY ? min(health.interval(), Duration.ofSeconds(1))
                : health.interval();
        i.nextProbeAt = now.plus(next);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private void move(Instance i, InstanceState next, String reason) {
        InstanceState previous = i.state;
        if (previous == next && Objects.equals(reason, i.reason)) {
            return;
        }
        i.state = next;
        i.reason = reason;
        if (previous != next) {
            i.record(clock.instant(), previous, next, reason);
        }
        changed(i);
    }

    private void stopNow(Instance i) {
        drain(i);
        InstanceHandle handle = i.handle;
        if (handle != null) {
            handle.stop(settings.stopGrace());
            runtime.forget(i.spec);
        }
        move(i, InstanceState.STOPPED, null);
        byUid.remove(i.spec.uid());
        if (i.spec.routed()) {
            ports.release(i.spec.port());
        }
    }

    /** Out of the route table already: let the requests still in flight to it finish, up to the drain timeout. */
    private void drain(Instance i) {
        RouterServer server = router.getIfAvailable();
        if (server == null || !i.spec.routed()) {
            return;
        }
        Backend backend = backend(i);
        Instant deadline = clock.instant().plus(settings.drainTimeout());
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
        updateRoutes(i.spec.app(), i.spec.env());
        bus.publish("instances:" + i.spec.app() + "/" + i.spec.env(), "instance", i.view(clock));
    }

    private void updateRoutes(String app, String env) {
        Set<Integer> releases = servingReleases.getOrDefault(key(app, env), Set.of());
        List<Backend> backends = byUid.values().stream()
                .filter(i -> i.spec.app().equals(app) && i.spec.env().equals(env) && releases.contains(i.spec.release()))
                .filter(i -> i.spec.routed() && !i.retiring && i.state == InstanceState.HEALTHY)
                .sorted(Comparator.comparingInt((Instance i) -> i.spec.index()).thenComparingInt(i -> i.spec.release()))
                .map(InstanceSupervisor::backend)
                .toList();
        routes.update(app, env, backends);
    }

    // During a rolling deploy web.1 of two releases serve side by side: the release keeps them apart.
    private static Backend backend(Instance i) {
        return new Backend(i.spec.id() + "@v" + i.spec.release(), "127.0.0.1", i.spec.port());
    }

    private static String key(String app, String env) {
        return app + "/" + env;
    }
}
