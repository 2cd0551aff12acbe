package dev.coderunner.audit;

import java.time.Instant;

/** Filters for reading the audit log; {@code null} means "any". An action ending in '.' matches by prefix. */
public record AuditQuery(String actor, String action, String target, Instant since, Instant until) {
}
