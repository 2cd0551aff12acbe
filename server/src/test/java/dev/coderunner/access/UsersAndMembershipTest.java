package dev.coderunner.access;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The users API, app membership, and what membership lets a user see and do. */
class UsersAndMembershipTest extends ControlPlaneTest {

    @Test
    void anAdminCreatesUsersWhoThenLogInWithTheirRoleAndNoOneElseCan() {
        String s = Accounts.suffix();
        Api.Answer created = api.post("/api/v1/users", Map.of("username", "ann-" + s, "email", "Ann-" + s + "@Example.com",
                "password", Accounts.PASSWORD, "role", "developer"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("email").asString()).isEqualTo("ann-" + s + "@example.com");
        assertThat(created.json().get("role").asString()).isEqualTo("developer");
        assertThat(created.body()).doesNotContain(Accounts.PASSWORD).doesNotContain("passwordHash");

        Api ann = new Api(port).login("ann-" + s, Accounts.PASSWORD);
        JsonNode profile = ann.get("/api/v1/auth/profile").json();
        assertThat(profile.get("role").asString()).isEqualTo("developer");
        assertThat(profile.get("canCreateApps").asBoolean()).isTrue();
        assertThat(profile.get("admin").asBoolean()).isFalse();

        assertThat(ann.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(ann.post("/api/v1/users", Map.of("username", "eve-" + s, "password", Accounts.PASSWORD, "role", "admin")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/users/eve-" + s).status()).isEqualTo(404);

        assertProblem(api.post("/api/v1/users", Map.of("username", "ann-" + s, "password", Accounts.PASSWORD, "role", "viewer")), 409, "user-exists");
        assertProblem(api.post("/api/v1/users", Map.of("username", "bob-" + s, "password", "short", "role", "viewer")), 400, "weak-password");
        assertProblem(api.post("/api/v1/users", Map.of("username", "Bad Name", "role", "viewer")), 400, "invalid-username");
        assertProblem(api.post("/api/v1/users", Map.of("username", "bob-" + s, "role", "root")), 400, "invalid-role");
        assertProblem(api.post("/api/v1/users", Map.of("username", "bob-" + s, "email", "not-an-email", "role", "viewer")), 400, "invalid-email");
        assertThat(api.get("/api/v1/users/bob-" + s).status()).as("refused requests change nothing").isEqualTo(404);

        List<String> names = new ArrayList<>();
        api.get("/api/v1/users?limit=200").json().get("items").forEach(u -> names.add(u.get("username").asString()));
        assertThat(names).contains("admin", "ann-" + s);
    }

    @Test
    void aUserWithoutAPasswordCannotLogInWithAnyPassword() {
        String s = Accounts.suffix();
        Api.Answer created = api.post("/api/v1/users", Map.of("username", "sso-" + s, "role", "viewer"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("hasPassword").asBoolean()).isFalse();
        for (String guess : List.of("", "x", "null")) {
            assertThat(new Api(port).post("/api/v1/auth/login", Map.of("username", "sso-" + s, "password", guess)).status()).isIn(400, 401);
        }
        assertThat(api.post("/api/v1/users/sso-" + s + "/password", Map.of("password", "now-has-a-password")).status()).isEqualTo(204);
        new Api(port).login("sso-" + s, "now-has-a-password");
    }

    @Test
    void deactivationEndsSessionsAndRevokesTokensAndReactivationNeedsANewLogin() {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        Api carl = accounts.user("carl-" + s, "operator");
        Api carlsToken = accounts.token(carl, "read");
        String refresh = refreshCookie("carl-" + s);
        assertThat(carl.get("/api/v1/apps").status()).isEqualTo(200);

        Api.Answer off = api.patch("/api/v1/users/carl-" + s, Map.of("active", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("active").asBoolean()).isFalse();
        assertThat(carl.get("/api/v1/apps").status()).as("access token of a deactivated user").isEqualTo(401);
        assertThat(carlsToken.get("/api/v1/apps").status()).as("API token of a deactivated user").isEqualTo(401);
        assertThat(refresh(refresh).status()).as("session of a deactivated user").isEqualTo(401);
        assertThat(new Api(port).post("/api/v1/auth/login", Map.of("username", "carl-" + s, "password", Accounts.PASSWORD)).status()).isEqualTo(401);

        assertThat(api.patch("/api/v1/users/carl-" + s, Map.of("active", true)).status()).isEqualTo(200);
        assertThat(carlsToken.get("/api/v1/apps").status()).as("revoked tokens stay revoked").isEqualTo(401);
        assertThat(new Api(port).login("carl-" + s, Accounts.PASSWORD).get("/api/v1/apps").status()).isEqualTo(200);
    }

    @Test
    void thereIsAlwaysAnActiveAdminAndNoOneDeactivatesThemselves() {
        String adminId = api.get("/api/v1/auth/profile").json().get("id").asString();
        long admins = 0;
        for (JsonNode u : api.get("/api/v1/users?limit=200").json().get("items")) {
            admins += u.get("role").asString().equals("admin") && u.get("active").asBoolean() ? 1 : 0;
        }
        if (admins == 1) {
            assertProblem(api.patch("/api/v1/users/" + adminId, Map.of("role", "viewer")), 409, "last-admin");
        }
        assertProblem(api.patch("/api/v1/users/" + adminId, Map.of("active", false)), 409, admins == 1 ? "last-admin" : "cannot-deactivate-self");
        assertThat(api.get("/api/v1/auth/profile").json().get("role").asString()).isEqualTo("admin");
    }

    @Test
    void passwordsChangeWithTheCurrentOneAndAdminResetsEndSessions() {
        String s = Accounts.suffix();
        Api dora = new Accounts(api, port).user("dora-" + s, "viewer");
        assertProblem(dora.post("/api/v1/auth/password", Map.of("currentPassword", "wrong-password", "newPassword", "a-new-password-1")),
                400, "wrong-current-password");
        assertProblem(dora.post("/api/v1/auth/password", Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "short")), 400, "weak-password");
        assertThat(dora.post("/api/v1/auth/password", Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "a-new-password-1")).status())
                .isEqualTo(204);
        assertThat(new Api(port).post("/api/v1/auth/login", Map.of("username", "dora-" + s, "password", Accounts.PASSWORD)).status()).isEqualTo(401);
        new Api(port).login("dora-" + s, "a-new-password-1");

        String session = refreshCookie("dora-" + s, "a-new-password-1");
        assertThat(api.post("/api/v1/users/dora-" + s + "/password", Map.of("password", "admin-chosen-pass")).status()).isEqualTo(204);
        assertThat(refresh(session).status()).as("an admin reset ends the user's sessions").isEqualTo(401);
        new Api(port).login("dora-" + s, "admin-chosen-pass");
    }

    @Test
    void membersSeeTheirAppsOnlyAndTheRoleOnTheAppBoundsWhatTheyDo() {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        String mine = "mine-" + s;
        String theirs = "theirs-" + s;
        accounts.app(mine);
        accounts.app(theirs);
        Api dev = accounts.user("eli-" + s, "developer");
        Api viewer = accounts.user("fay-" + s, "viewer");
        accounts.member(mine, "eli-" + s, "developer");
        accounts.member(mine, "fay-" + s, "viewer");

        assertThat(appNames(dev)).contains(mine).doesNotContain(theirs);
        assertThat(appNames(viewer)).contains(mine).doesNotContain(theirs);
        assertThat(appNames(api)).contains(mine, theirs);
        assertProblem(dev.get("/api/v1/apps/" + theirs), 404, "app-not-found");
        assertThat(dev.get("/api/v1/apps/" + theirs).body()).isEqualTo(dev.get("/api/v1/apps/no-such-app-" + s).body()
                .replace("no-such-app-" + s, theirs));

        assertThat(dev.get("/api/v1/apps/" + mine + "/access").json().get("actions").toString())
                .isEqualTo("[\"read\",\"operate\",\"deploy\",\"configure\"]");
        assertThat(viewer.get("/api/v1/apps/" + mine + "/access").json().get("actions").toString()).isEqualTo("[\"read\"]");
        assertProblem(viewer.put("/api/v1/apps/" + mine + "/envs/production/scale", Map.of("web", 1)), 403, "forbidden");
        assertThat(dev.patch("/api/v1/apps/" + mine + "/envs/production/config", Map.of("vars", Map.of("A", "1"))).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/apps/" + mine + "/envs/production/config").status()).isEqualTo(200);
        assertProblem(viewer.get("/api/v1/apps/" + mine + "/envs/production/config?reveal=true"), 403, "secret-reveal-forbidden");

        JsonNode members = dev.get("/api/v1/apps/" + mine + "/members").json().get("items");
        assertThat(members.toString()).contains("\"username\":\"eli-" + s + "\"", "\"role\":\"developer\"", "\"username\":\"fay-" + s + "\"");
        assertProblem(dev.put("/api/v1/apps/" + mine + "/members/fay-" + s, Map.of("role", "developer")), 403, "forbidden");

        // A developer made a viewer of the app can only read it; removed, they no longer see it.
        accounts.member(mine, "eli-" + s, "viewer");
        assertProblem(dev.put("/api/v1/apps/" + mine + "/envs/production/scale", Map.of("web", 1)), 403, "forbidden");
        assertThat(api.delete("/api/v1/apps/" + mine + "/members/eli-" + s).status()).isEqualTo(204);
        assertProblem(dev.get("/api/v1/apps/" + mine), 404, "app-not-found");
        assertProblem(api.delete("/api/v1/apps/" + mine + "/members/eli-" + s), 404, "member-not-found");
        assertProblem(api.put("/api/v1/apps/" + mine + "/members/nobody-" + s, Map.of("role", "viewer")), 404, "user-not-found");
        assertProblem(api.put("/api/v1/apps/" + mine + "/members/fay-" + s, Map.of("role", "owner")), 400, "invalid-app-role");

        JsonNode profile = viewer.get("/api/v1/auth/profile").json();
        assertThat(profile.get("memberships").toString()).isEqualTo("[{\"app\":\"" + mine + "\",\"role\":\"viewer\"}]");
        assertThat(api.get("/api/v1/users/fay-" + s + "/memberships").json().get("items").toString()).contains(mine);
    }

    @Test
    void aDeveloperWhoCreatesAnAppBecomesItsDeveloperAndAViewerCannotCreateOne() {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        Api dev = accounts.user("gil-" + s, "developer");
        Api viewer = accounts.user("hal-" + s, "viewer");
        assertThat(dev.post("/api/v1/apps", Map.of("name", "gils-" + s)).status()).isEqualTo(201);
        assertThat(appNames(dev)).contains("gils-" + s);
        assertThat(dev.get("/api/v1/apps/gils-" + s + "/members").body()).contains("\"role\":\"developer\"");
        assertProblem(dev.delete("/api/v1/apps/gils-" + s), 403, "forbidden");
        assertProblem(viewer.post("/api/v1/apps", Map.of("name", "hals-" + s)), 403, "forbidden");
        assertThat(api.get("/api/v1/apps/hals-" + s).status()).isEqualTo(404);
    }

    private List<String> appNames(Api who) {
        List<String> names = new ArrayList<>();
        who.get("/api/v1/apps?limit=200").json().get("items").forEach(a -> names.add(a.get("name").asString()));
        return names;
    }

    private String refreshCookie(String username) {
        return refreshCookie(username, Accounts.PASSWORD);
    }

    private String refreshCookie(String username, String password) {
        Api.Answer login = new Api(port).post("/api/v1/auth/login", Map.of("username", username, "password", password));
        String setCookie = login.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cr_refresh=")).findFirst().orElseThrow();
        return setCookie.substring("cr_refresh=".length(), setCookie.indexOf(';'));
    }

    private Api.Answer refresh(String cookie) {
        return new Api(port).raw(new Api(port).request("/api/v1/auth/refresh").header("Cookie", "cr_refresh=" + cookie)
                .header("X-CodeRunner-CSRF", "1").POST(HttpRequest.BodyPublishers.noBody()));
    }

    static void assertProblem(Api.Answer a, int status, String type) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("type").asString()).isEqualTo(type);
    }
}
