package dev.coderunner.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route of the running application (all request-mapping handler mappings, so a route
 * added tomorrow is walked too) as every kind of caller, and checks each answer against the
 * permission matrix below. The matrix is written here, by path shape and method, independently of
 * the production rules; a route this test cannot classify fails it.
 */
class RouteMatrixTest extends ControlPlaneTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    AccessInterceptor interceptor;

    /** What a route needs, in this test's own words. */
    enum Need { PUBLIC, SELF, LIST, CREATE_APP, ADMIN, AUDIT, APP_READ, APP_OPERATE, APP_DEPLOY, APP_CONFIGURE, APP_MANAGE }

    enum Outcome { ALLOW, UNAUTHORIZED, FORBIDDEN, HIDDEN }

    /** A caller: global role (null = anonymous), role on the app under test (null = not a member), token scope (null = login). */
    record Caller(String name, String role, String appRole, String scope, Api api) {
    }

    // The permission matrix, by path shape + method. The first match wins; no match fails the test.
    private static final List<Object[]> RULES = List.of(
            rule("POST", "/api/v1/auth/(login|refresh|logout|device|device/token)", Need.PUBLIC),
            rule("GET", "/api/v1/auth/sso/providers", Need.PUBLIC),
            rule("POST", "/api/v1/invitations/(lookup|accept)", Need.PUBLIC),
            rule("*", "/api/v1/invitations(/\\{id})?", Need.ADMIN),
            rule("GET", "/api/v1/fleet", Need.LIST),
            rule("GET", "/api/v1/alerts", Need.LIST),
            rule("*", "/api/v1/alerts/channels", Need.AUDIT),
            // No alert or channel exists in this walk: the id routes answer not-found to every logged-in caller.
            // AlertAccessTest checks them with real alerts and channels of another app.
            rule("*", "/api/v1/alerts/(channels/)?\\{id}(/.*)?", Need.SELF),
            rule("*", "/api/v1/auth/.+", Need.SELF),
            rule("*", "/api/v1/(users|admin)(/.*)?", Need.ADMIN),
            rule("GET", "/api/v1/apps", Need.LIST),
            rule("POST", "/api/v1/apps", Need.CREATE_APP),
            rule("GET", "/api/v1/audit", Need.AUDIT),
            rule("GET", "/api/v1/config/templates", Need.LIST),
            rule("GET", "/api/v1/apps/\\{app}(/.*)?", Need.APP_READ),
            rule("DELETE", "/api/v1/apps/\\{app}", Need.APP_MANAGE),
            rule("*", "/api/v1/apps/\\{app}/members/.*", Need.APP_MANAGE),
            rule("POST", "/api/v1/apps/\\{app}/envs/\\{[a-z]+}/(deployments|promote)", Need.APP_DEPLOY),
            rule("*", "/api/v1/apps/\\{app}/envs/\\{env}/(actions/\\{action}|scale|rollback)", Need.APP_OPERATE),
            rule("*", "/api/v1/apps/\\{app}/.+", Need.APP_CONFIGURE),
            rule("GET", "/api/v1/deployments/\\{id}(/.*)?", Need.APP_READ),
            rule("POST", "/api/v1/deployments/\\{id}/cancel", Need.APP_OPERATE),
            rule("*", "/(?!api/).*", Need.PUBLIC));

    private static Object[] rule(String method, String regex, Need need) {
        return new Object[] {method, Pattern.compile(regex), need};
    }

    static Need need(String method, String pattern) {
        for (Object[] r : RULES) {
            if ((r[0].equals("*") || r[0].equals(method)) && ((Pattern) r[1]).matcher(pattern).matches()) {
                return (Need) r[2];
            }
        }
        return null;
    }

    /** What {@code c} should get from a route needing {@code need} on the app where it is {@code c.appRole()}. */
    static Outcome expected(Need need, Caller c) {
        if (need == Need.PUBLIC) {
            return Outcome.ALLOW;
        }
        if (c.role() == null) {
            return Outcome.UNAUTHORIZED;
        }
        boolean fullScope = c.scope() == null || c.scope().equals("admin");
        boolean writeScope = fullScope || c.scope().equals("deploy");
        return switch (need) {
            case SELF, LIST -> Outcome.ALLOW;
            case ADMIN -> c.role().equals("ADMIN") && fullScope ? Outcome.ALLOW : Outcome.FORBIDDEN;
            case AUDIT -> c.role().equals("ADMIN") || c.role().equals("OPERATOR") ? Outcome.ALLOW : Outcome.FORBIDDEN;
            case CREATE_APP -> !c.role().equals("VIEWER") && writeScope ? Outcome.ALLOW : Outcome.FORBIDDEN;
            default -> onApp(need, c, fullScope, writeScope);
        };
    }

    private static Outcome onApp(Need need, Caller c, boolean fullScope, boolean writeScope) {
        Set<Need> rights = switch (c.role()) {
            case "ADMIN" -> EnumSet.of(Need.APP_READ, Need.APP_OPERATE, Need.APP_DEPLOY, Need.APP_CONFIGURE, Need.APP_MANAGE);
            case "OPERATOR" -> "DEVELOPER".equals(c.appRole())
                    ? EnumSet.of(Need.APP_READ, Need.APP_OPERATE, Need.APP_DEPLOY, Need.APP_CONFIGURE)
                    : EnumSet.of(Need.APP_READ, Need.APP_OPERATE);
            case "DEVELOPER" -> c.appRole() == null ? EnumSet.noneOf(Need.class)
                    : c.appRole().equals("DEVELOPER") ? EnumSet.of(Need.APP_READ, Need.APP_OPERATE, Need.APP_DEPLOY, Need.APP_CONFIGURE)
                    : EnumSet.of(Need.APP_READ);
            default -> c.appRole() == null ? EnumSet.noneOf(Need.class) : EnumSet.of(Need.APP_READ);
        };
        if (!rights.contains(Need.APP_READ)) {
            return Outcome.HIDDEN;
        }
        boolean scopeAllows = need == Need.APP_READ || (need == Need.APP_MANAGE ? fullScope : writeScope);
        return rights.contains(need) && scopeAllows ? Outcome.ALLOW : Outcome.FORBIDDEN;
    }

    record Route(String method, String pattern, HandlerMethod handler) {
    }

    /** Every (method, pattern) of every request-mapping handler mapping in the running application. */
    List<Route> routeTable() {
        Map<String, Route> routes = new LinkedHashMap<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
                for (String pattern : e.getKey().getPatternValues()) {
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        routes.putIfAbsent(m.name() + " " + pattern, new Route(m.name(), pattern, e.getValue()));
                    }
                }
            }
        }
        List<Route> out = new ArrayList<>(routes.values());
        // The CLI's logout revokes the token it is called with: walk it last, or every later call by a token caller fails.
        out.sort(Comparator.comparing((Route r) -> r.method().equals("DELETE") && r.pattern().equals("/api/v1/auth/token"))
                .thenComparing(Route::pattern).thenComparing(Route::method));
        return out;
    }

    @Test
    void everyRouteAnswersEveryCallerAsTheMatrixSays() {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        String alpha = "mx-" + s;
        String beta = "mxb-" + s;
        accounts.app(alpha);
        accounts.app(beta);
        Api operator = accounts.user("op-" + s, "operator");
        Api dev = accounts.user("dev-" + s, "developer");
        Api devOther = accounts.user("dev2-" + s, "developer");
        Api viewer = accounts.user("view-" + s, "viewer");
        Api viewerOther = accounts.user("view2-" + s, "viewer");
        accounts.member(alpha, "dev-" + s, "developer");
        accounts.member(alpha, "view-" + s, "viewer");
        accounts.member(beta, "dev2-" + s, "developer");
        accounts.member(beta, "view2-" + s, "viewer");
        String deployment = api.upload("/api/v1/apps/" + alpha + "/envs/production/deployments",
                Archives.tarGz().file("Procfile", "web: sleep 60").file("coderunner.yaml", "build: exit 3\n").bytes(), "application/gzip").json().get("id").asString();

        List<Caller> callers = List.of(
                new Caller("admin", "ADMIN", null, null, api),
                new Caller("admin read token", "ADMIN", null, "read", accounts.token(api, "read")),
                new Caller("admin deploy token", "ADMIN", null, "deploy", accounts.token(api, "deploy")),
                new Caller("admin admin token", "ADMIN", null, "admin", accounts.token(api, "admin")),
                new Caller("operator", "OPERATOR", null, null, operator),
                new Caller("developer member", "DEVELOPER", "DEVELOPER", null, dev),
                new Caller("developer member read token", "DEVELOPER", "DEVELOPER", "read", accounts.token(dev, "read")),
                new Caller("developer member deploy token", "DEVELOPER", "DEVELOPER", "deploy", accounts.token(dev, "deploy")),
                new Caller("developer non-member", "DEVELOPER", null, null, devOther),
                new Caller("viewer member", "VIEWER", "VIEWER", null, viewer),
                new Caller("viewer non-member", "VIEWER", null, null, viewerOther),
                new Caller("anonymous", null, null, null, new Api(port)));

        List<String> unclassified = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Set<String> walked = new TreeSet<>();
        int[] deleted = {0};
        for (Route route : routeTable()) {
            Need need = need(route.method(), route.pattern());
            if (need == null) {
                unclassified.add(route.method() + " " + route.pattern());
                continue;
            }
            assertThat(interceptor.requirement(route.method(), route.pattern(), route.handler()))
                    .as("production rules for %s %s", route.method(), route.pattern()).isNotInstanceOf(Requirement.Unclassified.class);
            for (Caller c : callers) {
                String app = alpha;
                if (route.method().equals("DELETE") && route.pattern().equals("/api/v1/apps/{app}")) {
                    app = "mxd-" + s + "-" + deleted[0]++;   // deleting is allowed to some: give each caller its own app to delete
                    accounts.app(app);
                    accounts.member(app, "dev-" + s, "developer");
                    accounts.member(app, "view-" + s, "viewer");
                }
                String path = concrete(route.pattern(), app, deployment);
                Api.Answer answer = call(c.api(), route.method(), path);
                Outcome got = outcome(answer);
                Outcome want = expected(need, c);
                walked.add(route.method() + " " + route.pattern());
                if (got != want) {
                    wrong.add(String.format("%-6s %-60s %-30s want %-12s got %d %s", route.method(), route.pattern(), c.name(), want,
                            answer.status(), abbreviate(answer.body())));
                }
            }
        }
        assertThat(unclassified).as("routes the permission matrix cannot classify: add a rule to RULES").isEmpty();
        assertThat(wrong).as("answers that differ from the permission matrix").isEmpty();
        assertThat(walked).as("the walk reached the core routes").contains("GET /api/v1/apps/{app}", "POST /api/v1/apps/{app}/envs/{env}/deployments",
                "GET /api/v1/deployments/{id}", "PUT /api/v1/apps/{app}/members/{username}", "POST /api/v1/users");
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    /** The pattern with its variables filled in: the app under test, its deployment, harmless values elsewhere. */
    private static String concrete(String pattern, String app, String deployment) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "app" -> app;
                case "env", "to" -> "production";
                case "id" -> pattern.startsWith("/api/v1/deployments/") ? deployment : "no-such-id";
                case "username" -> "no-such-user";
                default -> "no-such-" + m.group(1);
            };
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Mutations carry an empty JSON object: enough to pass the access check, never enough to change anything. */
    private static Api.Answer call(Api api, String method, String path) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "POST" -> api.post(path, Map.of());
            case "PUT" -> api.put(path, Map.of());
            case "PATCH" -> api.patch(path, Map.of());
            default -> throw new AssertionError("untested method " + method);
        };
    }

    private static Outcome outcome(Api.Answer a) {
        if (a.status() == 401) {
            return Outcome.UNAUTHORIZED;
        }
        if (a.status() == 403 && !a.body().contains("csrf-header-missing")) {
            return Outcome.FORBIDDEN;
        }
        if (a.status() == 404 && (a.body().contains("\"app-not-found\"") || a.body().contains("\"deployment-not-found\""))) {
            return Outcome.HIDDEN;   // the app and the deployment exist: not-found means "not yours to see"
        }
        return Outcome.ALLOW;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
