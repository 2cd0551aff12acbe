package dev.coderunner.router;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one app environment, created once and kept, so the hot path only increments
 * {@link LongAdder}s: no tags, no map look-ups, no allocation, no locks. Readers take a
 * {@link #snapshot()}. Status class and app/env are the only dimensions, which keeps the series count
 * bounded by the number of environments.
 */
final class RouteMeters {

    private final String app;
    private final String env;
    private final LongAdder[] byStatusClass = new LongAdder[RouteStats.STATUS_CLASSES.length];
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder inFlight = new LongAdder();

    RouteMeters(String app, String env) {
        this.app = app;
        this.env = env;
        for (int i = 0; i < byStatusClass.length; i++) {
            byStatusClass[i] = new LongAdder();
        }
    }

    void started() {
        inFlight.increment();
    }

    /** Counts one finished request; a status outside 100..599 counts as 5xx, since something went wrong. */
    void finished(int status, long startNanos) {
        inFlight.decrement();
        int index = status / 100 - 1;
        byStatusClass[index >= 0 && index < byStatusClass.length ? index : 4].increment();
        latency.record(System.nanoTime() - startNanos);
    }

    void bytesIn(int n) {
        bytesIn.add(n);
    }

    void bytesOut(int n) {
        bytesOut.add(n);
    }

    RouteStats snapshot() {
        long[] statuses = new long[byStatusClass.length];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = byStatusClass[i].sum();
        }
        return new RouteStats(app, env, statuses, bytesIn.sum(), bytesOut.sum(), Math.max(0, inFlight.sum()),
                latency.counts(), latency.sumNanos());
    }
}
