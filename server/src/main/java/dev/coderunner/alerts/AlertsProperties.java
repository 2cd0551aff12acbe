package dev.coderunner.alerts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of alerting ({@code coderunner.alerts.*}), documented in docs/alerts.md.
 *
 * @param evaluationInterval how often rules are evaluated (0 turns the schedule off; tests evaluate by hand)
 * @param queueSize          notifications waiting for delivery, retries included; more are dropped and counted
 * @param maxAttempts        tries per notification and channel before it is given up (and counted as failed)
 * @param retryBackoff       wait before the first retry; doubles per attempt up to {@code maxBackoff}
 * @param maxBackoff         longest wait between two tries
 * @param timeout            connect and answer timeout of one HTTP delivery
 * @param maxRulesPerEnv     custom rules per environment
 * @param maxChannels        channels per app, and global channels
 * @param stableAfter        how long a crash-looping instance must stay up for its alert to resolve
 * @param pagerdutyUrl       the PagerDuty Events API v2 endpoint (a channel may name its own)
 * @param dashboardUrl       base URL of the dashboard, for links in notifications (empty: no links)
 */
@ConfigurationProperties("coderunner.alerts")
public record AlertsProperties(
        @DefaultValue("15s") Duration evaluationInterval,
        @DefaultValue("1000") int queueSize,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("2s") Duration retryBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("50") int maxRulesPerEnv,
        @DefaultValue("20") int maxChannels,
        @DefaultValue("60s") Duration stableAfter,
        @DefaultValue("https://events.pagerduty.com/v2/enqueue") String pagerdutyUrl,
        @DefaultValue("") String dashboardUrl) {

    public AlertsProperties {
        if (queueSize < 1 || queueSize > 1_000_000) {
            throw new IllegalArgumentException("coderunner.alerts.queue-size must be 1..1000000, was " + queueSize);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("coderunner.alerts.max-attempts must be 1..100, was " + maxAttempts);
        }
    }
}
