package dev.coderunner.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Notes a handler leaves on the current request for the central audit row written after it
 * (see audit.RequestAudit): the state before and after a change, or the name a login tried.
 * Lives here so any capability can use it without depending on the audit package. Values must
 * never be secrets.
 */
public final class AuditNotes {

    static final String ATTRIBUTE = AuditNotes.class.getName() + ".notes";
    public static final String ACTOR = "actor";

    private AuditNotes() {
    }

    public static void before(Object state) {
        put("before", state);
    }

    public static void after(Object state) {
        put("after", state);
    }

    /** Who the row is about when the caller is not logged in yet (a login attempt names a user). */
    public static void actor(String username) {
        put(ACTOR, username);
    }

    public static void put(String key, Object value) {
        HttpServletRequest request = current();
        if (request != null && value != null) {
            notes(request).put(key, value);
        }
    }

    /** The notes left on this request (empty when none). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> notes(HttpServletRequest request) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }

    private static HttpServletRequest current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest() : null;
    }
}
