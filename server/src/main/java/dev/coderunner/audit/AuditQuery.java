package dev.coderunner.audit;

import java.time.Instant;

/**
 * Filters for reading the audit log; {@code null} means "any". An action ending in '.' matches by prefix;
 * a target matches itself and everything below it ({@code shop} matches {@code shop/production}).
 */
public record AuditQuery(String actor, String app, String action, String target, Instant since, Instant until) {
}
