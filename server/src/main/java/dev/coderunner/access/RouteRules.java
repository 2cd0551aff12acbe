package dev.coderunner.access;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns a route (HTTP method + path pattern, as Spring MVC matched it) into a {@link Requirement}, by
 * shape, so that routes added later are covered without anyone writing a rule:
 * <ul>
 * <li>{@code /api/v1/apps/{app}/…}: an {@link Action} on that app. GET reads; {@code DELETE /apps/{app}} and
 * member changes manage; POSTs to {@code deployments} or {@code promote} deploy; routes ending in an
 * operating word ({@code actions}, {@code scale}, {@code rollback}, {@code cancel}, {@code approve}, …) operate;
 * every other change configures.</li>
 * <li>{@code /api/v1/<collection>/{id}/…} where an {@link AppOwner} knows the collection: the same, on the owning app.</li>
 * <li>{@code /api/v1/auth/…}: the caller's own account (login, refresh and logout need no login).</li>
 * <li>{@code /api/v1/users/…}, {@code /api/v1/admin/…}: admins; {@code GET /api/v1/audit}: admins and operators.</li>
 * </ul>
 * An {@link Access} annotation on the handler wins over the shape. Anything else is {@link Requirement.Unclassified}.
 */
final class RouteRules {

    static final String API = "/api/v1/";
    static final Set<String> OPERATE_WORDS = Set.of("actions", "scale", "rollback", "cancel", "restart", "start", "stop",
            "approve", "reject", "request-changes", "override", "silence", "acknowledge", "ack");
    static final Set<String> DEPLOY_WORDS = Set.of("deployments", "promote");
    private static final Set<String> PUBLIC_AUTH = Set.of("login", "refresh", "logout");

    private final Set<String> ownedCollections;

    RouteRules(Set<String> ownedCollections) {
        this.ownedCollections = Set.copyOf(ownedCollections);
    }

    Requirement classify(String method, String pattern, Access annotation) {
        if (annotation != null) {
            return fromAnnotation(annotation, pattern);
        }
        if (pattern == null || !pattern.startsWith("/api/")) {
            return new Requirement.Public();
        }
        if (!pattern.startsWith(API)) {
            return new Requirement.Unclassified();
        }
        List<String> s = Arrays.asList(pattern.substring(API.length()).split("/"));
        boolean read = isRead(method);
        return switch (s.getFirst()) {
            case "auth" -> s.size() == 2 && "POST".equals(method) && PUBLIC_AUTH.contains(s.get(1))
                    ? new Requirement.Public() : new Requirement.Authenticated();
            case "ws" -> new Requirement.Public(); // the handshake checks its ticket or bearer itself
            case "users", "admin" -> new Requirement.Admin();
            case "audit" -> read && s.size() == 1 ? new Requirement.Operator() : new Requirement.Unclassified();
            case "config" -> read && s.size() == 2 && s.get(1).equals("templates") ? new Requirement.Authenticated() : new Requirement.Unclassified();
            case "apps" -> apps(method, s);
            default -> owned(method, s);
        };
    }

    private Requirement apps(String method, List<String> s) {
        if (s.size() == 1) {
            return isRead(method) ? new Requirement.Authenticated() : "POST".equals(method) ? new Requirement.CreateApp() : new Requirement.Unclassified();
        }
        if (!s.get(1).equals("{app}")) {
            return new Requirement.Unclassified();
        }
        return new Requirement.OnApp(appAction(method, s.subList(2, s.size())), "app");
    }

    private Requirement owned(String method, List<String> s) {
        if (s.size() < 2 || !ownedCollections.contains(s.getFirst()) || !isVariable(s.get(1))) {
            return new Requirement.Unclassified();
        }
        return new Requirement.OnOwned(action(method, s.subList(2, s.size())), s.getFirst(), variableName(s.get(1)));
    }

    /** The action of a route below {@code /apps/{app}}, from its method and the rest of its path. */
    static Action appAction(String method, List<String> tail) {
        if (!isRead(method) && (tail.isEmpty() && "DELETE".equals(method) || !tail.isEmpty() && tail.getFirst().equals("members"))) {
            return Action.MANAGE;
        }
        return action(method, tail);
    }

    private static Action action(String method, List<String> tail) {
        if (isRead(method)) {
            return Action.READ;
        }
        String last = tail.reversed().stream().filter(seg -> !isVariable(seg)).findFirst().orElse("");
        if (OPERATE_WORDS.contains(last)) {
            return Action.OPERATE;
        }
        if (DEPLOY_WORDS.contains(last)) {
            return Action.DEPLOY;
        }
        return Action.CONFIGURE;
    }

    private static Requirement fromAnnotation(Access a, String pattern) {
        return switch (a.value()) {
            case PUBLIC -> new Requirement.Public();
            case AUTHENTICATED -> new Requirement.Authenticated();
            case ADMIN -> new Requirement.Admin();
            case OPERATOR -> new Requirement.Operator();
            case APP -> pattern != null && pattern.contains("{app}") ? new Requirement.OnApp(a.action(), "app") : new Requirement.Unclassified();
        };
    }

    static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** {@code {id}} or {@code {id:regex}} → {@code id}. */
    static String variableName(String segment) {
        String inner = segment.substring(1, segment.length() - 1);
        int colon = inner.indexOf(':');
        return colon < 0 ? inner : inner.substring(0, colon);
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
