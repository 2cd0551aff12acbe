package dev.coderunner.alerts;

import java.time.Instant;

/**
 * What a channel is told: an alert {@code event} ({@code firing}, {@code resolved}, {@code acknowledged}, or {@code test}
 * for a channel test) and the alert as it is then.
 */
record Notification(String event, Alert alert, Instant at, String link) {

    static final String FIRING = "firing";
    static final String RESOLVED = "resolved";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String TEST = "test";

    /** One line for subjects, Slack and PagerDuty summaries: {@code [FIRING] High CPU on shop/production: cpu_percent > 80 (now 91)}. */
    String title() {
        return "[" + event.toUpperCase() + "] " + alert.ruleName() + " on " + alert.app() + "/" + alert.env() + ": " + alert.summary();
    }

    /** A few lines of plain text, for email bodies. */
    String text() {
        StringBuilder b = new StringBuilder();
        b.append(title()).append("\n\n");
        b.append("Severity:  ").append(alert.severity()).append('\n');
        b.append("App:       ").append(alert.app()).append(" (").append(alert.env()).append(")\n");
        b.append("Rule:      ").append(alert.ruleName()).append(" [").append(alert.rule()).append("]\n");
        if (alert.value() != null) {
            b.append("Value:     ").append(AlertRule.format(alert.value())).append('\n');
        }
        b.append("Fired at:  ").append(alert.firedAt()).append('\n');
        if (alert.resolvedAt() != null) {
            b.append("Resolved:  ").append(alert.resolvedAt()).append('\n');
        }
        if (alert.acknowledgedBy() != null) {
            b.append("Acknowledged by ").append(alert.acknowledgedBy()).append(" at ").append(alert.acknowledgedAt()).append('\n');
        }
        b.append("Alert id:  ").append(alert.id()).append('\n');
        if (link != null) {
            b.append('\n').append(link).append('\n');
        }
        return b.toString();
    }
}
