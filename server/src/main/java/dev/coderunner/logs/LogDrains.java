package dev.coderunner.logs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.coderunner.Ids;
import dev.coderunner.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The drains of all environments: one forwarder each, started with the control plane and on creation. */
@Component
class LogDrains implements SmartLifecycle {

    static final int MAX_PER_ENV = 10;

    private final DrainStore store;
    private final LogService logs;
    private final Clock clock;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Counter sent;
    private final Counter failed;
    private final Counter skipped;
    private final Map<String, DrainForwarder> forwarders = new ConcurrentHashMap<>();
    private volatile boolean running;

    LogDrains(DrainStore store, LogService logs, Clock clock, MeterRegistry meters,
            @Value("${coderunner.logs.drain-backoff:1s}") Duration backoff,
            @Value("${coderunner.logs.drain-max-backoff:60s}") Duration maxBackoff) {
        this.store = store;
        this.logs = logs;
        this.clock = clock;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.sent = Counter.builder("coderunner.logs.drain.sent").description("Log entries forwarded to drains").register(meters);
        this.failed = Counter.builder("coderunner.logs.drain.failures").description("Failed drain sends (retried)").register(meters);
        this.skipped = Counter.builder("coderunner.logs.drain.skipped")
                .description("Entries removed by retention before a drain could send them").register(meters);
        Gauge.builder("coderunner.logs.drain.backlog", forwarders, f -> f.values().stream().mapToLong(DrainForwarder::backlog).sum())
                .baseUnit("entries").description("Stored log entries the drains have still to send, all drains").register(meters);
    }

    LogDrain add(String app, String env, String url) {
        LogDrain.kindOf(url);
        if (store.of(app, env).size() >= MAX_PER_ENV) {
            throw ApiException.conflict("too-many-drains", "At most " + MAX_PER_ENV + " drains per environment.");
        }
        // A new drain starts with what is logged from now on.
        LogDrain d = new LogDrain(Ids.newId("drn"), app, env, url, logs.log(app, env).lastSeq(), clock.instant());
        store.insert(d);
        start(d);
        return d;
    }

    List<LogDrain> list(String app, String env) {
        return store.of(app, env);
    }

    void remove(String app, String env, String id) {
        if (!store.delete(app, env, id)) {
            throw ApiException.notFound("drain", id);
        }
        DrainForwarder f = forwarders.remove(id);
        if (f != null) {
            f.stop();
        }
    }

    private void start(LogDrain d) {
        DrainForwarder f = new DrainForwarder(d, logs.log(d.app(), d.env()), backoff, maxBackoff, c -> store.sent(d.id(), c),
                new DrainForwarder.Counts() {
                    @Override
                    public void sent(long n) {
                        sent.increment(n);
                    }

                    @Override
                    public void failed() {
                        failed.increment();
                    }

                    @Override
                    public void skipped(long n) {
                        skipped.increment(n);
                    }
                });
        forwarders.put(d.id(), f);
        f.start();
    }

    @Override
    public void start() {
        running = true;
        store.all().forEach(this::start);
    }

    @Override
    public void stop() {
        running = false;
        forwarders.values().forEach(DrainForwarder::stop);
        forwarders.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started after the log service and stopped before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
