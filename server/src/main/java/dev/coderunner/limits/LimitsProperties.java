package dev.coderunner.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits ({@code coderunner.limits.*}, docs/security.md). Each limit is a token bucket: its
 * capacity refills evenly over its window, so after a burst one more attempt comes back every
 * {@code window / capacity}, and the whole capacity after one window.
 *
 * @param enabled                  turn every limit off (not recommended outside tests and benchmarks)
 * @param loginFailuresPerAccount  failed logins for one username before it must wait
 * @param loginFailuresPerIp       failed logins from one client address before it must wait
 * @param loginWindow              the window of both login limits
 * @param apiRequestsPerToken      API requests per credential (an API token, or one user's login sessions)
 * @param apiWindow                the window of the API limit
 * @param uploadsPerApp            source uploads (deployments) per app
 * @param uploadWindow             the window of the upload limit
 * @param maxTrackedKeys           most buckets kept in memory per limit (least recently used go first)
 */
@ConfigurationProperties("coderunner.limits")
public record LimitsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") int loginFailuresPerAccount,
        @DefaultValue("20") int loginFailuresPerIp,
        @DefaultValue("15m") Duration loginWindow,
        @DefaultValue("2400") int apiRequestsPerToken,
        @DefaultValue("1m") Duration apiWindow,
        @DefaultValue("30") int uploadsPerApp,
        @DefaultValue("1h") Duration uploadWindow,
        @DefaultValue("100000") int maxTrackedKeys) {

    public LimitsProperties {
        for (int n : new int[] {loginFailuresPerAccount, loginFailuresPerIp, apiRequestsPerToken, uploadsPerApp, maxTrackedKeys}) {
            if (n < 1) {
                throw new IllegalArgumentException("coderunner.limits.* counts must be at least 1, got " + n);
            }
        }
        for (Duration d : new Duration[] {loginWindow, apiWindow, uploadWindow}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("coderunner.limits.* windows must be positive, got " + d);
            }
        }
    }
}
