package dev.coderunner.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.coderunner.auth.Principal;
import dev.coderunner.web.AuditNotes;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit log. Any capability records what a caller did with {@link #record}; the actor,
 * client address, app and environment come from the current request (or "system" outside one).
 * Every API mutation also gets a row of its own from {@link RequestAudit}.
 */
@Service
public class AuditLog {

    private final AuditStore store;
    private final Clock clock;

    AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Appends one row. {@code detail} must not hold secret values; it is stored as JSON. */
    public void record(String action, String target, Map<String, Object> detail) {
        HttpServletRequest request = currentRequest();
        Map<String, Object> notes = request == null ? Map.of() : AuditNotes.notes(request);
        store.insert(new AuditEvent(0, clock.instant(), Principal.current().username(), action, target, (String) notes.get("app"),
                (String) notes.get("env"), null, null, null, request == null ? null : request.getRemoteAddr(), detail));
    }

    void insert(AuditEvent event) {
        store.insert(event);
    }

    /** Newest first; {@code beforeId} is the cursor ({@code null} for the first page). */
    public List<AuditEvent> find(AuditQuery query, Long beforeId, int limit) {
        return store.find(query, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
    }
}
