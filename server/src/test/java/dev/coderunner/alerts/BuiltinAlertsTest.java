package dev.coderunner.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.StreamSupport;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import dev.coderunner.testsupport.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in rules on real deploys and real instances: a rolled-back deploy, a crash-looping worker and a
 * serving instance that turns unhealthy each raise their alert, announced on the {@code notifications} WebSocket
 * channel and sent to the app's channels; a rule over a collected metric fires on a real app.
 */
@TestPropertySource(properties = {
        "coderunner.deploy.ready-timeout=15s",
        "coderunner.runtime.unhealthy-restart-after=3s",
        "coderunner.runtime.crash-loop-restarts=3",
        "coderunner.runtime.crash-loop-window=1m",
        "coderunner.runtime.max-backoff=2s"})
class BuiltinAlertsTest extends ControlPlaneTest {

    static TestReceiver webhook;

    @org.springframework.beans.factory.annotation.Autowired
    RuleEvaluation evaluation;

    @BeforeAll
    static void receiver() throws Exception {
        webhook = new TestReceiver();
    }

    @AfterAll
    static void close() {
        webhook.close();
    }

    @Test
    void aRolledBackDeployFiresOnceIsAnnouncedAndDeliveredAndTheNextGoodDeployResolvesIt() throws Exception {
        assertThat(awaitDeployment(deploy("watched", Fixture.archive(Map.of("VERSION", "good")))).get("status").asString()).isEqualTo("succeeded");
        Api.Answer channel = api.post("/api/v1/apps/watched/alerts/channels", Map.of("name", "hook", "type", "webhook",
                "url", webhook.url("/watched")));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        assertThat(channel.json().get("secret").asString()).as("a generated signing secret is shown once").hasSize(32);

        try (Notifications live = Notifications.open(port, api.token())) {
            JsonNode bad = awaitDeployment(deploy("watched", Fixture.archive(Map.of("VERSION", "bad", "UNHEALTHY_AFTER_MS", "1"))));
            assertThat(bad.get("status").asString()).isEqualTo("rolled-back");

            JsonNode alert = await().atMost(Duration.ofSeconds(30)).until(() -> firing("watched", "deploy-failed"), a -> a != null);
            assertThat(alert.get("builtin").asBoolean()).isTrue();
            assertThat(alert.get("ruleName").asString()).isEqualTo("Deploy failed or rolled back");
            assertThat(alert.get("summary").asString()).contains(bad.get("id").asString()).contains("rolled back").contains("health check");
            String id = alert.get("id").asString();
            JsonNode event = live.await("alert-firing", id);
            assertThat(event.get("channel").asString()).isEqualTo("notifications");
            await().atMost(Duration.ofSeconds(20)).until(() -> webhook.received().size() == 1);
            assertThat(webhook.received().getFirst().json().get("alert").get("rule").asString()).isEqualTo("deploy-failed");
            assertThat(firing("watched", "health-failing")).as("the failing release never served").isNull();

            assertThat(api.post("/api/v1/alerts/" + id + "/ack", Map.of()).status()).isEqualTo(200);
            live.await("alert-acknowledged", id);

            assertThat(awaitDeployment(deploy("watched", Fixture.archive(Map.of("VERSION", "fixed")))).get("status").asString())
                    .isEqualTo("succeeded");
            live.await("alert-resolved", id);
            assertThat(api.get("/api/v1/alerts/" + id).json().get("state").asString()).isEqualTo("resolved");
        }

        Api.Answer off = api.put("/api/v1/apps/watched/envs/production/alerts/builtin/deploy-failed", Map.of("enabled", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(awaitDeployment(deploy("watched", Fixture.archive(Map.of("VERSION", "bad", "UNHEALTHY_AFTER_MS", "1")))).get("status").asString())
                .isEqualTo("rolled-back");
        assertThat(api.get("/api/v1/alerts?app=watched").json().get("items")).as("turned off: no new alert").hasSize(1);
        JsonNode builtin = api.get("/api/v1/apps/watched/envs/production/alerts/rules").json().get("builtin");
        assertThat(StreamSupport.stream(builtin.spliterator(), false).filter(b -> b.get("kind").asString().equals("deploy-failed"))
                .findFirst().orElseThrow().get("enabled").asBoolean()).isFalse();
        assertThat(api.put("/api/v1/apps/watched/envs/production/alerts/builtin/nope", Map.of("enabled", false)).status()).isEqualTo(404);
    }

    @Test
    void aCrashLoopingWorkerAndAServingInstanceThatTurnsUnhealthyFireTheirBuiltInRules() {
        JsonNode done = awaitDeployment(deploy("wobbly", Fixture.archive(Map.of("UNHEALTHY_AFTER_MS", "15000"), true,
                Map.of("CRASH_AFTER_MS", "2500", "EXIT_CODE", "3"))));
        assertThat(done.get("status").asString()).as(deploymentLog(done.get("id").asString())).isEqualTo("succeeded");

        JsonNode loop = await().atMost(Duration.ofSeconds(60)).until(() -> firing("wobbly", "crash-loop"), a -> a != null);
        assertThat(loop.get("severity").asString()).isEqualTo("critical");
        assertThat(loop.get("summary").asString()).contains("worker.1").contains("crash-looping").contains("exited with code 3");

        JsonNode sick = await().atMost(Duration.ofSeconds(60)).until(() -> firing("wobbly", "health-failing"), a -> a != null);
        assertThat(sick.get("summary").asString()).contains("web.1").contains("failing its health check");

        assertThat(api.delete("/api/v1/apps/wobbly").status()).isEqualTo(204);
    }

    @Test
    void aRuleOverACollectedMetricFiresAndOneWithoutDataSaysSo() {
        assertThat(awaitDeployment(deploy("measured", Fixture.archive(Map.of()))).get("status").asString()).isEqualTo("succeeded");
        Api.Answer rule = api.post("/api/v1/apps/measured/envs/production/alerts/rules", Map.of("name", "Any CPU", "metric", "cpu_percent",
                "comparison", ">=", "threshold", 0, "severity", "info"));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().get("status").get("state").asString()).isEqualTo("unknown");

        // The collector samples every few seconds; the rule fires at the first round that sees a sample.
        JsonNode alert = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            evaluation.evaluateAll();
            return firing("measured", rule.json().get("id").asString());
        }, a -> a != null);
        assertThat(alert.get("metric").asString()).isEqualTo("cpu_percent");
        assertThat(alert.get("value").asDouble()).isGreaterThanOrEqualTo(0.0);

        api.post("/api/v1/apps", Map.of("name", "nodata"));
        String quiet = api.post("/api/v1/apps/nodata/envs/production/alerts/rules", Map.of("name", "CPU", "metric", "cpu_percent",
                "comparison", ">", "threshold", 90, "for", "1m")).json().get("id").asString();
        evaluation.evaluateAll();
        JsonNode status = api.get("/api/v1/apps/nodata/envs/production/alerts/rules/" + quiet).json().get("status");
        assertThat(status.get("state").asString()).as("nothing runs there, so nothing is measured").isEqualTo("no-data");
        assertThat(status.get("detail").asString()).contains("no recent value of cpu_percent");
        assertThat(api.delete("/api/v1/apps/measured").status()).isEqualTo(204);
    }

    private JsonNode firing(String app, String rule) {
        for (JsonNode a : api.get("/api/v1/alerts?state=firing&app=" + app).json().get("items")) {
            if (a.get("rule").asString().equals(rule)) {
                return a;
            }
        }
        return null;
    }

    /** A real WebSocket subscribed to the {@code notifications} channel. */
    static final class Notifications implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final List<JsonNode> seen = new java.util.ArrayList<>();
        private WebSocket socket;

        static Notifications open(int port, String token) {
            Notifications n = new Notifications();
            n.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"), n).join();
            n.socket.sendText("{\"type\":\"subscribe\",\"channel\":\"notifications\",\"since\":\"now\"}", true).join();
            return n;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /** Waits for an event of {@code kind} about alert {@code id}. */
        JsonNode await(String kind, String id) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode m : seen) {
                    if (kind.equals(m.path("kind").asString("")) && id.equals(m.path("data").path("id").asString(""))) {
                        return m;
                    }
                }
                JsonNode next = received.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (next != null) {
                    seen.add(next);
                }
            }
            throw new AssertionError("no " + kind + " for " + id + " in " + seen);
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
