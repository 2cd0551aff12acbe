package dev.coderunner.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One alert episode, from firing to resolved, as the API shows it. {@code rule} is the custom rule's id or a
 * built-in rule's kind ({@code crash-loop}, {@code health-failing}, {@code deploy-failed}); {@code channels}
 * are the channel ids it was sent to ({@code silenced} alerts are sent nowhere).
 */
public record Alert(String id, String app, String env, String rule, String ruleName, boolean builtin, String severity, String metric,
        Double threshold, Double value, String summary, String state, Instant startedAt, Instant firedAt, Instant resolvedAt,
        Instant acknowledgedAt, String acknowledgedBy, boolean silenced, List<String> channels) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    boolean firing() {
        return FIRING.equals(state);
    }

    String ruleKey() {
        return rule;
    }

    Alert resolved(Instant at, Double lastValue) {
        return new Alert(id, app, env, rule, ruleName, builtin, severity, metric, threshold, lastValue == null ? value : lastValue, summary,
                RESOLVED, startedAt, firedAt, at, acknowledgedAt, acknowledgedBy, silenced, channels);
    }

    Alert acknowledged(Instant at, String by) {
        return new Alert(id, app, env, rule, ruleName, builtin, severity, metric, threshold, value, summary, state, startedAt, firedAt,
                resolvedAt, at, by, silenced, channels);
    }
}
