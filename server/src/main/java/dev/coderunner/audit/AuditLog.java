package dev.coderunner.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.coderunner.auth.Principal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only audit log. Any capability records what a caller did with {@link #record}; the actor
 * and client address come from the current request (or "system" outside one).
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
        store.insert(clock.instant(), Principal.current().username(), action, target, clientAddress(), detail);
    }

    /** Newest first; {@code beforeId} is the cursor ({@code null} for the first page). */
    public List<AuditEvent> find(AuditQuery query, Long beforeId, int limit) {
        return store.find(query, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
