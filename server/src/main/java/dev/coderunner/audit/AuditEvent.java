package dev.coderunner.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit log: who ({@code actor}) did what ({@code action}, a dotted verb such as
 * {@code config.reveal}) to which thing ({@code target}, e.g. {@code app/env}), from where, with details.
 * Details never hold secret values.
 */
public record AuditEvent(long id, Instant time, String actor, String action, String target, String ip, Map<String, Object> detail) {
}
