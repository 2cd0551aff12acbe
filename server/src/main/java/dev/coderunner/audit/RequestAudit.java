package dev.coderunner.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.WebSocketTickets;
import dev.coderunner.web.AuditNotes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The central audit row: after every API mutation (allowed or refused) and every sensitive read
 * (a secret reveal, an export), who, what route, which app and environment, the answer status, from
 * which address, and the before/after a handler left in {@link AuditNotes}. It runs whatever the
 * handler is, so routes added later are audited without anyone doing anything.
 */
@Component
class RequestAudit implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RequestAudit.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    // Routine, frequent and harmless when they succeed: a browser tab renewing its session or opening a socket.
    private static final Set<String> ROUTINE = Set.of("/api/v1/auth/refresh", "/api/v1/auth/ws-ticket");

    private final AuditLog audit;
    private final Clock clock;

    RequestAudit(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String method = request.getMethod();
        String route = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        boolean mutation = !READS.contains(method);
        if (!(mutation || sensitiveRead(request, route)) || (status < 400 && ROUTINE.contains(route))) {
            return;
        }
        Map<String, Object> notes = AuditNotes.notes(request);
        Map<String, Object> detail = new LinkedHashMap<>();
        notes.forEach((k, v) -> {
            if (!Set.of("app", "env", AuditNotes.ACTOR).contains(k)) {
                detail.put(k, v);
            }
        });
        String actor = WebSocketTickets.bearerCaller().map(Principal::username)
                .orElse(notes.get(AuditNotes.ACTOR) instanceof String s ? s : "anonymous");
        String app = (String) notes.get("app");
        String env = (String) notes.get("env");
        String target = app != null ? (env != null ? app + "/" + env : app) : path(request);
        try {
            audit.insert(new AuditEvent(0, clock.instant(), actor, "api." + method.toLowerCase(), target, app, env, method, route, status,
                    request.getRemoteAddr(), detail));
        } catch (RuntimeException e) {
            // The answer is already sent; losing the row must at least be loud.
            log.error("Could not write the audit row for {} {} by {}", method, route, actor, e);
        }
    }

    /** Reads that show secrets or bulk data: {@code ?reveal=true}, and exports. */
    static boolean sensitiveRead(HttpServletRequest request, String route) {
        return "true".equalsIgnoreCase(request.getParameter("reveal")) || (route != null && route.endsWith("/export"));
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith("/api/v1/") ? uri.substring("/api/v1/".length()) : uri;
    }
}
