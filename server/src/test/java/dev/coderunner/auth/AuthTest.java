package dev.coderunner.auth;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every API route but login needs a valid bearer credential: a JWT from login or an API token. */
class AuthTest extends ControlPlaneTest {

    @Autowired
    AccessTokens accessTokens;

    @Test
    void loginGivesABearerTokenThatOpensTheApi() {
        Api.Answer login = new Api(port).post("/api/v1/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asInt()).isEqualTo(900);
        assertThat(api.get("/api/v1/auth/profile").json().get("username").asString()).isEqualTo("admin");
    }

    @Test
    void wrongPasswordIs401ProblemJson() {
        Api.Answer a = new Api(port).post("/api/v1/auth/login", Map.of("username", "admin", "password", "nope"));

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("type").asString()).isEqualTo("invalid-credentials");
    }

    @Test
    void missingTamperedAndExpiredTokensAre401() {
        Api anonymous = new Api(port);
        assertUnauthorized(anonymous.get("/api/v1/apps"));

        String token = api.token();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"ADMIN\"", "\"VIEWER\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertUnauthorized(new Api(port).withToken(tampered).get("/api/v1/apps"));

        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        assertUnauthorized(new Api(port).withToken(unsigned).get("/api/v1/apps"));

        AccessTokens expiredIssuer = new AccessTokens(new dev.coderunner.CodeRunnerHome(home()),
                java.time.Clock.fixed(Instant.now().minusSeconds(3600), java.time.ZoneOffset.UTC), java.time.Duration.ofMinutes(15));
        User admin = new User(api.get("/api/v1/auth/profile").json().get("id").asString(), "admin", Role.ADMIN, true, Instant.now());
        assertUnauthorized(new Api(port).withToken(expiredIssuer.issue(admin).token()).get("/api/v1/apps"));
    }

    @Test
    void apiTokensWorkUntilRevokedAndReadScopeCannotWrite() {
        Api.Answer created = api.post("/api/v1/auth/tokens", Map.of("name", "ci", "scope", "read"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("token").asString();
        assertThat(secret).startsWith("cr_");

        Api ci = new Api(port).withToken(secret);
        assertThat(ci.get("/api/v1/apps").status()).isEqualTo(200);
        Api.Answer write = ci.post("/api/v1/apps", Map.of("name", "from-read-token"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("type").asString()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/auth/tokens").body()).contains("\"lastUsedAt\"").doesNotContain(secret);

        assertThat(api.delete("/api/v1/auth/tokens/" + created.json().get("id").asString()).status()).isEqualTo(204);
        assertUnauthorized(ci.get("/api/v1/apps"));
    }

    private static void assertUnauthorized(Api.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(401);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("type").asString()).isEqualTo("unauthorized");
    }
}
