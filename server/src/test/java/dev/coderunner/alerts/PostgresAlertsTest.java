package dev.coderunner.alerts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.coderunner.Ids;
import dev.coderunner.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts tables and queries on the real PostgreSQL server (127.0.0.1:5432, database {@code test}), in a schema of their own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coderunner.router.port=0",
        "CODERUNNER_ADMIN_PASSWORD=pg-admin-password",
        "coderunner.runtime.stop-on-shutdown=true",
        "coderunner.alerts.evaluation-interval=0"})
class PostgresAlertsTest {

    private static final String SCHEMA = "cralerts_" + Ids.random(8);

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        Path home = Files.createTempDirectory("coderunner-pg-alerts");
        registry.add("coderunner.home", home::toString);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("PGUSER", "postgres"));
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @Test
    void rulesChannelsAndTheHistoryWorkOnPostgres() {
        Api api = new Api(port).login("admin", "pg-admin-password");
        assertThat(api.post("/api/v1/apps", Map.of("name", "pg-alerts")).status()).isEqualTo(201);
        Api.Answer channel = api.post("/api/v1/alerts/channels", Map.of("name", "global hook", "type", "webhook", "url", "http://127.0.0.1:9/x"));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String channelId = channel.json().get("id").asString();
        Api.Answer rule = api.post("/api/v1/apps/pg-alerts/envs/production/alerts/rules", Map.of("name", "CPU", "metric", "cpu_percent",
                "comparison", ">", "threshold", 90.5, "for", "2m", "channels", List.of(channelId)));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/apps/pg-alerts/alerts/channels").json().get("items")).hasSize(1);
        assertThat(api.put("/api/v1/apps/pg-alerts/envs/production/alerts/builtin/crash-loop", Map.of("enabled", false)).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/apps/pg-alerts/envs/production/alerts/builtin/crash-loop", Map.of("enabled", true)).status()).isEqualTo(200);

        Alert fired = alerts.fire(new AlertService.Trigger("pg-alerts", "production", "deploy-failed", "Deploy failed", Severity.WARNING,
                null, null, null, "Deployment dep_x failed", null, List.of())).orElseThrow();
        assertThat(alerts.fire(new AlertService.Trigger("pg-alerts", "production", "deploy-failed", "Deploy failed", Severity.WARNING,
                null, null, null, "again", null, List.of()))).as("one episode at a time").isEmpty();
        assertThat(api.post("/api/v1/alerts/" + fired.id() + "/ack", Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/alerts/" + fired.id() + "/silence", Map.of("for", "30m")).status()).isEqualTo(200);
        alerts.resolve("pg-alerts", "production", "deploy-failed", null);

        JsonNode page = api.get("/api/v1/alerts?app=pg-alerts&limit=1").json();
        assertThat(page.get("items").get(0).get("state").asString()).isEqualTo("resolved");
        assertThat(page.get("items").get(0).get("acknowledgedBy").asString()).isEqualTo("admin");
        assertThat(page.path("nextCursor").isMissingNode() || page.get("nextCursor").isNull()).as("no second page").isTrue();
        assertThat(api.get("/api/v1/alerts/" + fired.id()).json().get("silencedUntil").isNull()).isFalse();
        assertThat(api.delete("/api/v1/alerts/channels/" + channelId).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/apps/pg-alerts").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/alerts?app=pg-alerts").status()).isEqualTo(404);
    }
}
