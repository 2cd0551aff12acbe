package dev.coderunner.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit log: who ({@code actor}) did what ({@code action}: a dotted verb such as
 * {@code config.reveal}, or {@code api.<method>} for the central row of an API request) to which thing
 * ({@code target}, e.g. {@code app/env}), from where, with details (before/after where they apply).
 * Request rows also carry the HTTP {@code method}, the {@code route} pattern and the answer {@code status}.
 * Details never hold secret values.
 */
public record AuditEvent(long id, Instant time, String actor, String action, String target, String app, String env, String method,
        String route, Integer status, String ip, Map<String, Object> detail) {
}
