package dev.coderunner.router;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round-robin over an environment's instances, and the count of requests in flight per instance.
 * State is kept per app and env (not per {@link RouteTable.Route} object) so that a route update
 * neither resets the rotation nor leaks state for every old route.
 */
final class Balancer {

    /** What the router keeps per environment: where the rotation stands, and its meters. */
    record RouteState(AtomicInteger cursor, RouteMeters meters) {
    }

    static final String UNKNOWN = "_unknown";

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, RouteState>> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Backend, Integer> inFlight = new ConcurrentHashMap<>();
    private final RouteMeters unknownHost;

    Balancer() {
        this.unknownHost = new RouteMeters(UNKNOWN, UNKNOWN);
    }

    /** Nested maps rather than an "app/env" key, so a lookup allocates nothing. */
    RouteState state(String app, String env) {
        ConcurrentHashMap<String, RouteState> byEnv = states.get(app);
        if (byEnv == null) {
            byEnv = states.computeIfAbsent(app, a -> new ConcurrentHashMap<>());
        }
        RouteState state = byEnv.get(env);
        if (state == null) {
            state = byEnv.computeIfAbsent(env,
                    e -> new RouteState(new AtomicInteger(), new RouteMeters(app, e)));
        }
        return state;
    }

    RouteMeters unknownHost() {
        return unknownHost;
    }

    /** A copy of every environment's counters (and the unknown-host ones), for metrics readers. */
    List<RouteStats> stats() {
        List<RouteStats> out = new ArrayList<>();
        states.values().forEach(byEnv -> byEnv.values().forEach(state -> out.add(state.meters().snapshot())));
        out.add(unknownHost.snapshot());
        return out;
    }

    /** The index of the backend to try first; callers add 1 (mod size) to fail over. */
    static int next(RouteState state, List<Backend> backends) {
        return Math.floorMod(state.cursor().getAndIncrement(), backends.size());
    }

    void acquire(Backend backend) {
        inFlight.merge(backend, 1, Integer::sum);
    }

    /** Drops the entry at zero, so instances that came and went leave nothing behind. */
    void release(Backend backend) {
        inFlight.computeIfPresent(backend, (b, n) -> n <= 1 ? null : n - 1);
    }

    int inFlight(Backend backend) {
        return inFlight.getOrDefault(backend, 0);
    }
}
