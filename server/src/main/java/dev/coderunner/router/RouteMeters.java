package dev.coderunner.router;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one app environment, looked up once and kept, so the hot path never builds tags.
 * Tags are only app, env and status class, which keeps the series count bounded by the number of
 * environments.
 */
final class RouteMeters {

    static final String REQUESTS = "coderunner.router.requests";
    static final String DURATION = "coderunner.router.request.duration";
    static final String BYTES_IN = "coderunner.router.bytes.in";
    static final String BYTES_OUT = "coderunner.router.bytes.out";
    static final String IN_FLIGHT = "coderunner.router.in.flight";

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter[] byStatusClass = new Counter[STATUS_CLASSES.length];
    private final Timer duration;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final AtomicInteger inFlight = new AtomicInteger();

    RouteMeters(MeterRegistry registry, String app, String env) {
        for (int i = 0; i < STATUS_CLASSES.length; i++) {
            byStatusClass[i] = Counter.builder(REQUESTS).description("HTTP requests through the router")
                    .tags("app", app, "env", env, "status", STATUS_CLASSES[i]).register(registry);
        }
        duration = Timer.builder(DURATION).description("Time from request received to response completed")
                .tags("app", app, "env", env).publishPercentileHistogram().register(registry);
        bytesIn = Counter.builder(BYTES_IN).baseUnit("bytes").description("Request body bytes received")
                .tags("app", app, "env", env).register(registry);
        bytesOut = Counter.builder(BYTES_OUT).baseUnit("bytes").description("Response body bytes sent")
                .tags("app", app, "env", env).register(registry);
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get).description("Requests being proxied now")
                .tags("app", app, "env", env).register(registry);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /** Counts one finished request; a status outside 100..599 counts as 5xx, since something went wrong. */
    void finished(int status, long startNanos) {
        inFlight.decrementAndGet();
        int index = status / 100 - 1;
        byStatusClass[index >= 0 && index < STATUS_CLASSES.length ? index : 4].increment();
        duration.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void bytesIn(int n) {
        bytesIn.increment(n);
    }

    void bytesOut(int n) {
        bytesOut.increment(n);
    }
}
