package dev.coderunner.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.WebSocketTickets;
import dev.coderunner.web.ApiException;
import dev.coderunner.web.AuditNotes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks every API request against {@link RouteRules} before the handler runs (so nothing is read or
 * changed first). Apps the caller cannot see answer 404 exactly as if they did not exist; actions
 * the caller may not perform on an app they can see answer 403.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AccessInterceptor.class);

    private final AppAccess access;
    private final Map<String, AppOwner> owners;
    private final RouteRules rules;
    private final Map<String, Requirement> cache = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    AccessInterceptor(AppAccess access, List<AppOwner> owners) {
        this.access = access;
        this.owners = owners.stream().collect(Collectors.toMap(AppOwner::collection, Function.identity()));
        this.rules = new RouteRules(this.owners.keySet());
    }

    /** The requirement of a handler reached by {@code method} through {@code pattern}; used by the route-table test too. */
    Requirement requirement(String method, String pattern, HandlerMethod handler) {
        return cache.computeIfAbsent(method + " " + pattern + " " + handler, k -> rules.classify(method, pattern, annotation(handler)));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || "OPTIONS".equals(request.getMethod())) {
            return true;
        }
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Requirement requirement = requirement(request.getMethod(), pattern, method);
        if (requirement instanceof Requirement.Public) {
            return true;
        }
        Principal caller = WebSocketTickets.bearerCaller().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized",
                "Log in first: send 'Authorization: Bearer <token>' with a valid, unexpired token."));
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        switch (requirement) {
            case Requirement.Authenticated a -> {
            }
            case Requirement.Admin a -> requireAdmin(caller);
            case Requirement.Operator o -> {
                if (caller.role() != Role.ADMIN && caller.role() != Role.OPERATOR) {
                    throw forbidden("Only admins and operators can do this.");
                }
            }
            case Requirement.CreateApp c -> {
                if (!access.canCreateApps(caller)) {
                    throw forbidden("Your role or token scope does not allow creating apps.");
                }
            }
            case Requirement.OnApp on -> {
                String app = vars == null ? null : vars.get(on.variable());
                note(app, vars);
                access.require(caller, app, on.action());
            }
            case Requirement.OnOwned on -> {
                String id = vars == null ? null : vars.get(on.variable());
                AppOwner owner = owners.get(on.collection());
                Optional<String> app = owner.appOf(id);
                if (app.isEmpty() || !access.canSee(caller, app.get())) {
                    throw ApiException.notFound(owner.noun(), id);
                }
                note(app.get(), vars);
                access.require(caller, app.get(), on.action());
            }
            case Requirement.Unclassified u -> {
                if (warned.add(request.getMethod() + " " + pattern)) {
                    log.warn("Route {} {} matches no access rule: only admins may call it. Add a rule in access.RouteRules or an @Access annotation.",
                            request.getMethod(), pattern);
                }
                requireAdmin(caller);
            }
            case Requirement.Public p -> {
            }
        }
        return true;
    }

    private static void requireAdmin(Principal caller) {
        if (!AppAccess.isAdmin(caller)) {
            throw forbidden("Only admins (with a login or an admin-scoped token) can do this.");
        }
    }

    private static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    /** Tells the central audit row which app and environment the request is about. */
    private static void note(String app, Map<String, String> vars) {
        AuditNotes.put("app", app);
        if (vars != null && vars.get("env") != null) {
            AuditNotes.put("env", vars.get("env"));
        }
    }

    private static Access annotation(HandlerMethod handler) {
        Access onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Access.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Access.class);
    }
}
