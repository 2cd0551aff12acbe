package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import dev.coderunner.router.RouteTable;
import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code get_metrics} on the WebSocket answers what {@code GET …/metrics} answers, with its errors and access rule. */
class GetMetricsRequestTest extends ControlPlaneTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    RouteTable routes;

    @Test
    void answersTheRestBodyForTheSameParameters() throws Exception {
        String app = "wsm-" + Accounts.suffix();
        new Accounts(api, port).app(app);
        // Routed without instances: the router answers 503 and counts it, so the chart has a figure that is not null.
        routes.update(app, "production", List.of());
        assertThat(router.get(app + ".localhost", "/").status()).isEqualTo(503);
        String rest = "/api/v1/apps/" + app + "/envs/production/metrics";
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(rest + "?range=5m").json().get("environment")
                .get("requests_per_second").valueStream().anyMatch(v -> !v.isNull()));

        try (WsTestClient c = connect(api)) {
            assertSameAsRest(c, rest + "?range=5m", "{\"type\":\"get_metrics\",\"id\":1,\"app\":\"" + app
                    + "\",\"env\":\"production\",\"range\":\"5m\"}");
            assertSameAsRest(c, rest, "{\"type\":\"get_metrics\",\"id\":2,\"app\":\"" + app + "\",\"env\":\"production\"}");
            assertSameAsRest(c, rest + "?range=24h&figures=requests_per_second,status_5xx_per_second",
                    "{\"type\":\"get_metrics\",\"id\":3,\"app\":\"" + app + "\",\"env\":\"production\",\"range\":\"24h\","
                            + "\"figures\":[\"requests_per_second\",\"status_5xx_per_second\"]}");
        }
    }

    @Test
    void errorsCarryTheRestStatusAndTheConnectionGoesOn() throws Exception {
        String app = "wse-" + Accounts.suffix();
        new Accounts(api, port).app(app);
        try (WsTestClient c = connect(api)) {
            JsonNode unknownApp = ask(c, "{\"type\":\"get_metrics\",\"id\":\"a\",\"app\":\"nope-" + app + "\",\"env\":\"production\"}");
            assertError(unknownApp, "a", 404, "app-not-found");
            assertError(ask(c, "{\"type\":\"get_metrics\",\"id\":\"b\",\"app\":\"" + app + "\",\"env\":\"staging\"}"),
                    "b", 404, "environment-not-found");
            JsonNode badRange = ask(c, "{\"type\":\"get_metrics\",\"id\":\"c\",\"app\":\"" + app + "\",\"env\":\"production\",\"range\":\"3y\"}");
            assertError(badRange, "c", 400, "invalid-range");
            assertThat(badRange.get("detail").asString()).startsWith("range must be one of");
            JsonNode noEnv = ask(c, "{\"type\":\"get_metrics\",\"id\":\"d\",\"app\":\"" + app + "\"}");
            assertError(noEnv, "d", 400, "missing-field");
            assertThat(noEnv.get("errors").get(0).get("field").asString()).isEqualTo("env");
            assertError(ask(c, "{\"type\":\"get_metrics\",\"id\":\"e\",\"app\":\"" + app + "\",\"env\":\"production\",\"figures\":[\"cpu\"]}"),
                    "e", 400, "invalid-figure");
            assertThat(ask(c, "{\"type\":\"ping\",\"id\":\"f\"}").get("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void anAppTheCallerMayNotReadAnswersAsIfItDidNotExist() throws Exception {
        Accounts accounts = new Accounts(api, port);
        String app = "wsa-" + Accounts.suffix();
        accounts.app(app);
        String name = "viewer-" + Accounts.suffix();
        Api viewer = accounts.user(name, "viewer");
        String ask = "{\"type\":\"get_metrics\",\"id\":7,\"app\":\"" + app + "\",\"env\":\"production\",\"range\":\"3y\"}";
        try (WsTestClient c = connect(viewer)) {
            // Refused before the range is looked at, as over REST.
            JsonNode refused = ask(c, ask);
            assertError(refused, 7, 404, "app-not-found");
            assertThat(refused.get("detail").asString()).isEqualTo("No app named '" + app + "'.");
            assertThat(viewer.get("/api/v1/apps/" + app + "/envs/production/metrics?range=3y").status()).isEqualTo(404);
        }
        accounts.member(app, name, "viewer");
        try (WsTestClient c = connect(accounts.token(viewer, "read"))) {
            assertError(ask(c, ask), 7, 400, "invalid-range");
            JsonNode ok = ask(c, ask.replace("3y", "1h"));
            assertThat(ok.get("type").asString()).as(ok.toString()).isEqualTo("response");
            assertThat(ok.get("data").get("app").asString()).isEqualTo(app);
        }
    }

    private WsTestClient connect(Api who) throws Exception {
        return WsTestClient.connect(http, port, WsTestClient.ticket(http, port, who.token()), true);
    }

    private static JsonNode ask(WsTestClient c, String message) throws InterruptedException {
        c.send(message);
        return c.next();
    }

    /** The WebSocket's data equals the REST body fetched just before or just after (a sample may land in between). */
    private void assertSameAsRest(WsTestClient c, String path, String message) throws Exception {
        JsonNode before = api.get(path).json();
        JsonNode answer = ask(c, message);
        JsonNode after = api.get(path).json();
        assertThat(answer.get("type").asString()).as(answer.toString()).isEqualTo("response");
        assertThat(answer.get("id")).isEqualTo(WsTestClient.JSON.readTree(message).get("id"));
        assertThat(answer.get("data")).isIn(before, after);
    }

    private static void assertError(JsonNode n, Object id, int status, String code) {
        assertThat(n.get("type").asString()).as(n.toString()).isEqualTo("error");
        assertThat(n.get("id").toString()).isEqualTo(WsTestClient.JSON.writeValueAsString(id));
        assertThat(n.get("status").asInt()).as(n.toString()).isEqualTo(status);
        assertThat(n.get("code").asString()).isEqualTo(code);
    }
}
