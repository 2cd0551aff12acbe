package dev.coderunner.testsupport;

import java.util.Map;

/** Creates users, memberships and API tokens through the real API (as the admin {@code admin}), for access tests. */
public final class Accounts {

    public static final String PASSWORD = "correct-horse-battery";

    private final Api admin;
    private final int port;

    public Accounts(Api admin, int port) {
        this.admin = admin;
        this.port = port;
    }

    /** Creates a user with {@link #PASSWORD} and the global {@code role}; returns an API client logged in as them. */
    public Api user(String username, String role) {
        Api.Answer a = admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD, "role", role));
        if (a.status() != 201) {
            throw new AssertionError("cannot create user " + username + ": " + a.status() + " " + a.body());
        }
        return new Api(port).login(username, PASSWORD);
    }

    public void member(String app, String username, String appRole) {
        Api.Answer a = admin.put("/api/v1/apps/" + app + "/members/" + username, Map.of("role", appRole));
        if (a.status() != 200) {
            throw new AssertionError("cannot add " + username + " to " + app + ": " + a.status() + " " + a.body());
        }
    }

    public void app(String name) {
        Api.Answer a = admin.post("/api/v1/apps", Map.of("name", name));
        if (a.status() != 201) {
            throw new AssertionError("cannot create app " + name + ": " + a.status() + " " + a.body());
        }
    }

    /** An API client using a new API token of {@code owner} with {@code scope}. */
    public Api token(Api owner, String scope) {
        Api.Answer a = owner.post("/api/v1/auth/tokens", Map.of("name", "test-" + scope, "scope", scope));
        if (a.status() != 201) {
            throw new AssertionError("cannot create a " + scope + " token: " + a.status() + " " + a.body());
        }
        return new Api(port).withToken(a.json().get("token").asString());
    }

    /** A short random suffix, so tests sharing one database never collide on names. */
    public static String suffix() {
        return Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }
}
