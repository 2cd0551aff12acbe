package dev.coderunner.web;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error is problem+json with a stable type, and every response carries the security headers. */
class ErrorsAndHeadersTest extends ControlPlaneTest {

    @Test
    void frameworkErrorsAreProblemsWithStableTypesAndNoInternals() {
        assertProblem(api.get("/api/v1/no-such-route"), 404, "not-found");
        assertProblem(new Api(port).get("/api/v1/no-such-route"), 401, "unauthorized");
        assertProblem(api.raw(api.request("/api/v1/apps").method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")), 405, "method-not-allowed");
        assertProblem(api.raw(api.request("/api/v1/apps").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))),
                415, "unsupported-media-type");
        assertProblem(api.raw(api.request("/api/v1/apps").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{"))),
                400, "bad-request");
        assertProblem(api.get("/api/v1/apps?limit=abc"), 400, "bad-request");
        assertProblem(api.get("/api/v1/apps/UPPER"), 400, "invalid-app-name");
        assertProblem(api.get("/api/v1/apps/a%2fb"), 400, "bad-request");   // refused by Tomcat itself
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Api.Answer a : List.of(api.get("/api/v1/apps"), new Api(port).get("/api/v1/apps"), api.get("/api/v1/no-such-route"),
                new Api(port).get("/healthz"), new Api(port).get("/"), new Api(port).post("/api/v1/auth/login", Map.of("username", "x", "password", "y")))) {
            String csp = a.header("Content-Security-Policy");
            assertThat(csp).as("CSP on %s", a.raw().uri()).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
            assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(a.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(a.header("Strict-Transport-Security")).as("HSTS only over TLS").isNull();
            assertThat(a.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    private static void assertProblem(Api.Answer a, int status, String type) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("type").asString()).isEqualTo(type);
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("springframework");
    }
}
