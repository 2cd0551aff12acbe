package dev.coderunner.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.Ids;
import dev.coderunner.app.AppService;
import dev.coderunner.auth.Principal;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The custom rules of environments and the switches of the built-in ones: checked, stored, shown with their state. */
@Service
class AlertRules {

    private final AlertRuleStore store;
    private final ChannelStore channels;
    private final AlertService alerts;
    private final RuleEvaluation evaluation;
    private final BuiltinAlerts builtins;
    private final AlertSettingsStore settings;
    private final AppService apps;
    private final AlertsProperties properties;
    private final Clock clock;

    AlertRules(AlertRuleStore store, ChannelStore channels, AlertService alerts, RuleEvaluation evaluation, BuiltinAlerts builtins,
            AlertSettingsStore settings, AppService apps, AlertsProperties properties, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.alerts = alerts;
        this.evaluation = evaluation;
        this.builtins = builtins;
        this.settings = settings;
        this.apps = apps;
        this.properties = properties;
        this.clock = clock;
    }

    AlertRule create(String app, String env, RuleRequest r) {
        apps.requireEnvironment(app, env);
        checkChannels(app, r.channels());
        if (store.count(app, env) >= properties.maxRulesPerEnv()) {
            throw ApiException.conflict("too-many-alert-rules", "At most " + properties.maxRulesPerEnv() + " alert rules per environment.");
        }
        Instant now = clock.instant();
        AlertRule rule = new AlertRule(Ids.newId("alr"), app, env, r.name(), r.metric(), r.comparison(), r.threshold(), r.forDuration(),
                r.resolveThreshold(), r.severity(), r.channels(), r.enabled(), now, Principal.current().username(), now);
        store.insert(rule);
        return rule;
    }

    /** Replaces a rule's definition; its open alert is resolved and its pending breach forgotten, as it may no longer apply. */
    AlertRule update(String app, String env, String id, RuleRequest r) {
        AlertRule old = require(app, env, id);
        checkChannels(app, r.channels());
        AlertRule rule = new AlertRule(id, app, env, r.name(), r.metric(), r.comparison(), r.threshold(), r.forDuration(),
                r.resolveThreshold(), r.severity(), r.channels(), r.enabled(), old.createdAt(), old.createdBy(), clock.instant());
        store.update(rule);
        evaluation.reset(id);
        alerts.resolve(app, env, id, null);
        return rule;
    }

    void delete(String app, String env, String id) {
        require(app, env, id);
        alerts.resolve(app, env, id, null);
        store.delete(app, env, id);
        evaluation.reset(id);
    }

    AlertRule require(String app, String env, String id) {
        apps.requireEnvironment(app, env);
        return store.find(app, env, id).orElseThrow(() -> ApiException.notFound("alert-rule", id));
    }

    List<AlertRule> list(String app, String env) {
        apps.requireEnvironment(app, env);
        return store.of(app, env);
    }

    void switchBuiltin(String app, String env, String kind, boolean enabled) {
        apps.requireEnvironment(app, env);
        BuiltinRule rule = BuiltinRule.fromKind(kind).orElseThrow(() -> ApiException.notFound("builtin-alert-rule", kind));
        builtins.switched(app, env, rule, enabled);
    }

    List<Map<String, Object>> builtinViews(String app, String env) {
        Map<String, Boolean> switches = settings.builtinSwitches(app, env);
        List<Map<String, Object>> out = new ArrayList<>();
        for (BuiltinRule b : BuiltinRule.values()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("kind", b.kind());
            v.put("name", b.title());
            v.put("description", b.description());
            v.put("severity", b.severity().wire());
            v.put("enabled", switches.getOrDefault(b.kind(), true));
            v.put("firing", alerts.isFiring(app, env, b.kind()));
            alerts.silencedUntil(app, env, b.kind()).ifPresent(u -> v.put("silencedUntil", u));
            out.add(v);
        }
        return out;
    }

    /** The rule as the API shows it, with its current state ({@code ok}, {@code pending}, {@code firing}, {@code no-data}, {@code disabled}). */
    Map<String, Object> view(AlertRule r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("app", r.app());
        v.put("env", r.env());
        v.put("name", r.name());
        v.put("metric", r.metric().wire());
        v.put("comparison", r.comparison().symbol());
        v.put("threshold", r.threshold());
        v.put("for", r.forDuration().toSeconds() + "s");
        v.put("resolveThreshold", r.resolveThreshold());
        v.put("severity", r.severity().wire());
        v.put("channels", r.channels());
        v.put("enabled", r.enabled());
        v.put("createdAt", r.createdAt());
        v.put("createdBy", r.createdBy());
        v.put("updatedAt", r.updatedAt());
        RuleEvaluator.Track t = evaluation.track(r.id());
        boolean firing = alerts.isFiring(r.app(), r.env(), r.id());
        String state = !r.enabled() ? RuleEvaluator.State.DISABLED.wire()
                : firing ? RuleEvaluator.State.FIRING.wire()
                : t != null ? t.state.wire()
                : evaluation.hasMetricSource() ? "unknown" : RuleEvaluator.State.NO_DATA.wire();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        status.put("value", t == null ? null : t.lastValue);
        status.put("pendingSince", t == null ? null : t.breachSince);
        status.put("evaluatedAt", t == null ? null : t.evaluatedAt);
        if (RuleEvaluator.State.NO_DATA.wire().equals(state)) {
            status.put("detail", evaluation.hasMetricSource() ? "no recent value of " + r.metric().wire()
                    : "metrics are not collected on this server, so this rule is not evaluated");
        }
        v.put("status", status);
        alerts.silencedUntil(r.app(), r.env(), r.id()).ifPresent(u -> v.put("silencedUntil", u));
        return v;
    }

    private void checkChannels(String app, List<String> ids) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            boolean usable = channels.find(id).filter(c -> c.app() == null || c.app().equals(app)).isPresent();
            if (!usable) {
                errors.add(new ApiException.FieldError("channels[" + i + "]", "no channel '" + id + "' of this app or global"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-alert-rule", "The alert rule has invalid fields.", errors);
        }
    }
}
