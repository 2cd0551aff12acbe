package dev.coderunner.access;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How route shapes become requirements, including routes that do not exist yet. */
class RouteRulesTest {

    private final RouteRules rules = new RouteRules(Set.of("deployments"));

    private Requirement r(String method, String pattern) {
        return rules.classify(method, pattern, null);
    }

    @Test
    void appRoutesGetTheirActionFromMethodAndPath() {
        assertThat(r("GET", "/api/v1/apps/{app}/envs/{env}/metrics")).isEqualTo(new Requirement.OnApp(Action.READ, "app"));
        assertThat(r("POST", "/api/v1/apps/{app}/envs/{env}/deployments")).isEqualTo(new Requirement.OnApp(Action.DEPLOY, "app"));
        assertThat(r("POST", "/api/v1/apps/{app}/envs/{to}/promote")).isEqualTo(new Requirement.OnApp(Action.DEPLOY, "app"));
        assertThat(r("PUT", "/api/v1/apps/{app}/envs/{env}/scale")).isEqualTo(new Requirement.OnApp(Action.OPERATE, "app"));
        assertThat(r("POST", "/api/v1/apps/{app}/envs/{env}/actions/{action}")).isEqualTo(new Requirement.OnApp(Action.OPERATE, "app"));
        assertThat(r("POST", "/api/v1/apps/{app}/alerts/{id}/silence")).isEqualTo(new Requirement.OnApp(Action.OPERATE, "app"));
        assertThat(r("PUT", "/api/v1/apps/{app}/envs/{env}/scaling")).isEqualTo(new Requirement.OnApp(Action.CONFIGURE, "app"));
        assertThat(r("DELETE", "/api/v1/apps/{app}/envs/{env}/logs/drains/{id}")).isEqualTo(new Requirement.OnApp(Action.CONFIGURE, "app"));
        assertThat(r("DELETE", "/api/v1/apps/{app}")).isEqualTo(new Requirement.OnApp(Action.MANAGE, "app"));
        assertThat(r("PUT", "/api/v1/apps/{app}/members/{username}")).isEqualTo(new Requirement.OnApp(Action.MANAGE, "app"));
        assertThat(r("GET", "/api/v1/apps/{app}/members")).isEqualTo(new Requirement.OnApp(Action.READ, "app"));
    }

    @Test
    void ownedResourcesAreCheckedOnTheirAppAndUnknownCollectionsAreNot() {
        assertThat(r("GET", "/api/v1/deployments/{id}/log")).isEqualTo(new Requirement.OnOwned(Action.READ, "deployments", "id"));
        assertThat(r("POST", "/api/v1/deployments/{id}/cancel")).isEqualTo(new Requirement.OnOwned(Action.OPERATE, "deployments", "id"));
        assertThat(r("POST", "/api/v1/approvals/{id}/approve")).isInstanceOf(Requirement.Unclassified.class);
        assertThat(r("GET", "/api/v1/alerts")).isInstanceOf(Requirement.Unclassified.class);
        assertThat(r("GET", "/api/v2/apps")).isInstanceOf(Requirement.Unclassified.class);
    }

    @Test
    void accountAndAdministrationRoutes() {
        assertThat(r("POST", "/api/v1/auth/login")).isInstanceOf(Requirement.Public.class);
        assertThat(r("GET", "/api/v1/auth/login")).isInstanceOf(Requirement.Authenticated.class);
        assertThat(r("POST", "/api/v1/auth/password")).isInstanceOf(Requirement.Authenticated.class);
        assertThat(r("PATCH", "/api/v1/users/{id}")).isInstanceOf(Requirement.Admin.class);
        assertThat(r("POST", "/api/v1/admin/keys/rotate")).isInstanceOf(Requirement.Admin.class);
        assertThat(r("GET", "/api/v1/audit")).isInstanceOf(Requirement.Operator.class);
        assertThat(r("GET", "/api/v1/apps")).isInstanceOf(Requirement.Authenticated.class);
        assertThat(r("POST", "/api/v1/apps")).isInstanceOf(Requirement.CreateApp.class);
        assertThat(r("GET", "/healthz")).isInstanceOf(Requirement.Public.class);
    }

    @Test
    void scopesOnlyNarrow() {
        assertThat(AppAccess.scopeAllows(dev.coderunner.auth.TokenScope.READ, Action.READ)).isTrue();
        assertThat(AppAccess.scopeAllows(dev.coderunner.auth.TokenScope.READ, Action.OPERATE)).isFalse();
        assertThat(AppAccess.scopeAllows(dev.coderunner.auth.TokenScope.DEPLOY, Action.CONFIGURE)).isTrue();
        assertThat(AppAccess.scopeAllows(dev.coderunner.auth.TokenScope.DEPLOY, Action.MANAGE)).isFalse();
        assertThat(AppAccess.scopeAllows(null, Action.MANAGE)).isTrue();
    }
}
