package dev.coderunner.alerts;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Evaluates every custom rule on a schedule ({@code coderunner.alerts.evaluation-interval}) against the
 * {@link MetricSource}, and then lets the built-in rules re-check what time alone can resolve. Without a metric
 * source, rules stay in {@code no-data}: nothing is invented.
 */
@Component
class RuleEvaluation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluation.class);

    private final AlertRuleStore rules;
    private final AlertService alerts;
    private final ObjectProvider<MetricSource> metrics;
    private final ObjectProvider<BuiltinAlerts> builtins;
    private final AlertsProperties properties;
    private final Clock clock;
    private final Map<String, RuleEvaluator.Track> tracks = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    RuleEvaluation(AlertRuleStore rules, AlertService alerts, ObjectProvider<MetricSource> metrics, ObjectProvider<BuiltinAlerts> builtins,
            AlertsProperties properties, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.metrics = metrics;
        this.builtins = builtins;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round: every rule once, then the built-in sweep. Safe to call from tests. */
    synchronized void evaluateAll() {
        List<AlertRule> all = rules.all();
        tracks.keySet().retainAll(all.stream().map(AlertRule::id).toList());
        for (AlertRule rule : all) {
            try {
                evaluate(rule);
            } catch (RuntimeException e) {
                log.warn("Evaluating alert rule {} of {}/{} failed: {}", rule.id(), rule.app(), rule.env(), e.toString());
            }
        }
        BuiltinAlerts b = builtins.getIfAvailable();
        if (b != null) {
            b.sweep();
        }
    }

    private void evaluate(AlertRule rule) {
        RuleEvaluator.Track track = tracks.computeIfAbsent(rule.id(), k -> new RuleEvaluator.Track());
        if (!rule.enabled()) {
            track.state = RuleEvaluator.State.DISABLED;
            track.breachSince = null;
            track.evaluatedAt = clock.instant();
            return;
        }
        MetricSource source = metrics.getIfAvailable();
        OptionalDouble value = source == null ? OptionalDouble.empty() : source.current(rule.app(), rule.env(), rule.metric().wire());
        boolean firing = alerts.isFiring(rule.app(), rule.env(), rule.id());
        switch (RuleEvaluator.evaluate(rule, track, firing, value, clock.instant())) {
            case FIRE -> alerts.fire(new AlertService.Trigger(rule.app(), rule.env(), rule.id(), rule.name(), rule.severity(),
                    rule.metric().wire(), rule.threshold(), track.lastValue,
                    rule.expression() + " for " + rule.forDuration().toSeconds() + "s (now " + AlertRule.format(track.lastValue) + ")",
                    track.breachSince, rule.channels()));
            case RESOLVE -> alerts.resolve(rule.app(), rule.env(), rule.id(), track.lastValue);
            case NONE -> {
                if (firing && track.lastValue != null) {
                    alerts.updateValue(rule.app(), rule.env(), rule.id(), track.lastValue);
                }
            }
        }
    }

    /** The rule's last evaluation, or null before the first. */
    RuleEvaluator.Track track(String ruleId) {
        return tracks.get(ruleId);
    }

    /** Forgets a rule's pending breach (its definition changed). */
    void reset(String ruleId) {
        tracks.remove(ruleId);
    }

    boolean hasMetricSource() {
        return metrics.getIfAvailable() != null;
    }

    @Override
    public void start() {
        long every = properties.evaluationInterval().toMillis();
        if (every <= 0) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("alert-evaluation").daemon().factory());
        // A failed round must not end the schedule (an exception would cancel it).
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                evaluateAll();
            } catch (RuntimeException e) {
                log.warn("Alert evaluation round failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
