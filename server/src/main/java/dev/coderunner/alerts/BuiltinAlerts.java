package dev.coderunner.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.deploy.DeploymentView;
import dev.coderunner.events.EventBus;
import dev.coderunner.runtime.InstanceSupervisor;
import dev.coderunner.runtime.InstanceView;
import dev.coderunner.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The built-in rules, driven by events on the bus: a deployment that ends {@code failed} or {@code rolled-back}
 * fires {@code deploy-failed} (the next successful one resolves it); instance changes re-check {@code crash-loop}
 * (an instance flagged as crash-looping that has not stayed up for {@code stable-after}) and {@code health-failing}
 * (an instance of the serving release that is unhealthy). Bus listeners must not block, so they only queue work for
 * one worker thread; the evaluation round re-checks open alerts that only time can resolve.
 */
@Component
class BuiltinAlerts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BuiltinAlerts.class);
    private static final int QUEUE = 10_000;

    private final EventBus bus;
    private final AlertService alerts;
    private final AlertSettingsStore settings;
    private final ChannelStore channels;
    private final AppService apps;
    private final InstanceSupervisor supervisor;
    private final AlertsProperties properties;
    private final BlockingQueue<Runnable> work = new ArrayBlockingQueue<>(QUEUE);
    private final Set<String> pendingChecks = ConcurrentHashMap.newKeySet();
    private final Counter dropped;
    private List<EventBus.Subscription> subscriptions = List.of();
    private Thread worker;
    private volatile boolean running;

    BuiltinAlerts(EventBus bus, AlertService alerts, AlertSettingsStore settings, ChannelStore channels, AppService apps,
            InstanceSupervisor supervisor, AlertsProperties properties, MeterRegistry meters) {
        this.bus = bus;
        this.alerts = alerts;
        this.settings = settings;
        this.channels = channels;
        this.apps = apps;
        this.supervisor = supervisor;
        this.properties = properties;
        this.dropped = Counter.builder("coderunner.alerts.builtin.dropped")
                .description("Runtime and deploy events the built-in alert rules could not look at (their queue was full)").register(meters);
    }

    private void queue(Runnable task) {
        if (!work.offer(task)) {
            dropped.increment();
        }
    }

    /** Re-checks an environment's instances once, however many changes arrive before the worker gets to it. */
    private void queueCheck(String app, String env) {
        if (pendingChecks.add(app + "/" + env)) {
            queue(() -> {
                pendingChecks.remove(app + "/" + env);
                checkInstances(app, env);
            });
        }
    }

    void onDeployment(DeploymentView d) {
        switch (d.status()) {
            case "failed", "rolled-back" -> {
                if (!enabled(d.app(), d.env(), BuiltinRule.DEPLOY_FAILED)) {
                    return;
                }
                String what = d.release() == null ? "Deployment " + d.id() : "Deployment " + d.id() + " (v" + d.release() + ")";
                String summary = what + ("failed".equals(d.status()) ? " failed" : " was rolled back")
                        + (d.reason() == null ? "" : ": " + d.reason());
                fire(d.app(), d.env(), BuiltinRule.DEPLOY_FAILED, summary);
            }
            case "succeeded" -> alerts.resolve(d.app(), d.env(), BuiltinRule.DEPLOY_FAILED.kind(), null);
            default -> {
            }
        }
    }

    void checkInstances(String app, String env) {
        Environment environment;
        try {
            environment = apps.requireEnvironment(app, env);
        } catch (ApiException e) {
            return;   // deleted meanwhile
        }
        List<InstanceView> instances = supervisor.instances(app, env);
        List<InstanceView> looping = instances.stream().filter(i -> i.crashLoop() && !stable(i)).toList();
        judge(app, env, BuiltinRule.CRASH_LOOP, looping, "crash-looping");
        List<InstanceView> unhealthy = instances.stream()
                .filter(i -> "unhealthy".equals(i.state()) && environment.currentRelease() != null && i.release() == environment.currentRelease())
                .toList();
        judge(app, env, BuiltinRule.HEALTH_FAILING, unhealthy, "failing its health check");
    }

    private void judge(String app, String env, BuiltinRule rule, List<InstanceView> bad, String what) {
        if (bad.isEmpty()) {
            alerts.resolve(app, env, rule.kind(), null);
            return;
        }
        if (!enabled(app, env, rule)) {
            return;
        }
        InstanceView first = bad.getFirst();
        String names = String.join(", ", bad.stream().map(InstanceView::id).toList());
        fire(app, env, rule, names + (bad.size() == 1 ? " is " : " are ") + what + " (v" + first.release() + ")"
                + (first.reason() == null ? "" : ": " + first.reason()));
    }

    /** A crash-looping instance that has stayed up long enough counts as recovered. */
    private boolean stable(InstanceView i) {
        boolean up = "healthy".equals(i.state()) || "running".equals(i.state());
        return "stopped".equals(i.state()) || up && i.uptimeSeconds() != null
                && Duration.ofSeconds(i.uptimeSeconds()).compareTo(properties.stableAfter()) >= 0;
    }

    private boolean enabled(String app, String env, BuiltinRule rule) {
        return settings.builtinEnabled(app, env, rule);
    }

    /** Built-in alerts go to every channel of the app and every global channel. */
    private void fire(String app, String env, BuiltinRule rule, String summary) {
        List<String> targets = channels.visibleTo(app).stream().map(AlertChannel::id).toList();
        alerts.fire(new AlertService.Trigger(app, env, rule.kind(), rule.title(), rule.severity(), null, null, null, summary, null, targets));
    }

    /** Re-checks the environments with open crash-loop or health alerts (called by each evaluation round). */
    void sweep() {
        alerts.firing().stream()
                .filter(a -> a.rule().equals(BuiltinRule.CRASH_LOOP.kind()) || a.rule().equals(BuiltinRule.HEALTH_FAILING.kind()))
                .forEach(a -> queueCheck(a.app(), a.env()));
    }

    /** Turning a built-in rule off closes its open alert. */
    void switched(String app, String env, BuiltinRule rule, boolean enabled) {
        settings.setBuiltin(app, env, rule, enabled);
        if (!enabled) {
            alerts.resolve(app, env, rule.kind(), null);
        } else if (rule != BuiltinRule.DEPLOY_FAILED) {
            queueCheck(app, env);
        }
    }

    private void run() {
        while (running) {
            try {
                work.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Built-in alert check failed: {}", e.toString());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("builtin-alerts").start(this::run);
        subscriptions = List.of(
                bus.subscribe("deployments:*", e -> {
                    if (e.data() instanceof DeploymentView d) {
                        queue(() -> onDeployment(d));
                    }
                }),
                bus.subscribe("instances:*", e -> {
                    if (e.data() instanceof InstanceView i) {
                        queueCheck(i.app(), i.env());
                    }
                }));
    }

    @Override
    public void stop() {
        running = false;
        subscriptions.forEach(EventBus.Subscription::close);
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
