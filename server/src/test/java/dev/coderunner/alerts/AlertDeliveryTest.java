package dev.coderunner.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.coderunner.events.Event;
import dev.coderunner.events.EventBus;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import dev.coderunner.testsupport.MutableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rules over metrics end to end: evaluated with a clock the test moves, stored as history, published on
 * {@code notifications}, and delivered to a signed webhook, a Slack-format and a PagerDuty-format receiver and
 * GreenMail. The metric values come from a test {@link MetricSource}: they are the input, not what is tested.
 */
@TestPropertySource(properties = {
        "coderunner.alerts.evaluation-interval=0",
        "coderunner.alerts.retry-backoff=100ms",
        "coderunner.alerts.max-backoff=300ms",
        "coderunner.alerts.max-attempts=4",
        "CODERUNNER_SMTP_TLS=none"})
@Import(AlertDeliveryTest.Config.class)
class AlertDeliveryTest extends ControlPlaneTest {

    static final String SECRET = "0123456789abcdef-signing-secret";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static TestReceiver webhook;
    static TestReceiver slack;
    static TestReceiver pagerduty;

    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.startingNow();
        }

        /** Takes the place of the collected metrics, which have nothing to say about these apps without instances. */
        @Bean
        @Primary
        TestMetrics testMetrics() {
            return new TestMetrics();
        }
    }

    /** Metric values set by the test. */
    static final class TestMetrics implements MetricSource {
        private final Map<String, Double> values = new ConcurrentHashMap<>();

        void set(String app, String metric, double value) {
            values.put(app + "/production/" + metric, value);
        }

        @Override
        public OptionalDouble current(String app, String env, String metric) {
            Double v = values.get(app + "/" + env + "/" + metric);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("CODERUNNER_SMTP_HOST", () -> "127.0.0.1");
        registry.add("CODERUNNER_SMTP_PORT", () -> mail.getSmtp().getPort());
        registry.add("CODERUNNER_SMTP_FROM", () -> "alerts@coderunner.test");
    }

    @BeforeAll
    static void receivers() throws Exception {
        webhook = new TestReceiver();
        slack = new TestReceiver();
        pagerduty = new TestReceiver();
    }

    @AfterAll
    static void closeReceivers() {
        webhook.close();
        slack.close();
        pagerduty.close();
    }

    @Autowired
    RuleEvaluation evaluation;

    @Autowired
    MutableClock clock;

    @Autowired
    TestMetrics metrics;

    @Autowired
    EventBus bus;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Deliveries deliveries;

    private String app;

    @AfterEach
    void cleanUp() throws Exception {
        if (app != null) {
            api.delete("/api/v1/apps/" + app);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.pending() == 0);
        webhook.clear();
        slack.clear();
        pagerduty.clear();
        mail.purgeEmailFromAllMailboxes();
        // Access tokens are checked against real time: never leave the clock ahead of it.
        clock.set(Instant.now());
    }

    @Test
    void anAlertWithFor30sFiresOnceAfter30sIsDeliveredEverywhereAndResolvesOnlyBelowTheResolveThreshold() throws Exception {
        app = createApp("alerting");
        List<String> channels = List.of(
                channel("/api/v1/apps/alerting/alerts/channels", Map.of("name", "ops hook", "type", "webhook", "url", webhook.url("/hook"),
                        "secret", SECRET)),
                channel("/api/v1/apps/alerting/alerts/channels", Map.of("name", "slack", "type", "slack",
                        "url", slack.url("/services/T000/B000/XXXX"))),
                channel("/api/v1/apps/alerting/alerts/channels", Map.of("name", "pager", "type", "pagerduty", "routingKey", "R0UT1NGKEY",
                        "url", pagerduty.url("/v2/enqueue"))),
                channel("/api/v1/apps/alerting/alerts/channels", Map.of("name", "mail", "type", "email", "to", List.of("oncall@example.com"))));
        Api.Answer created = api.post("/api/v1/apps/alerting/envs/production/alerts/rules", Map.of("name", "High CPU", "metric", "cpu_percent",
                "comparison", ">", "threshold", 80, "for", "30s", "resolveThreshold", 60, "severity", "critical", "channels", channels));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String rule = created.json().get("id").asString();

        metrics.set("alerting", "cpu_percent", 91);
        evaluation.evaluateAll();
        assertThat(ruleState(rule)).isEqualTo("pending");
        clock.advance(Duration.ofSeconds(29));
        evaluation.evaluateAll();
        assertThat(ruleState(rule)).isEqualTo("pending");
        assertThat(firing("alerting")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        evaluation.evaluateAll();
        List<JsonNode> open = firing("alerting");
        assertThat(open).hasSize(1);
        JsonNode alert = open.getFirst();
        String id = alert.get("id").asString();
        assertThat(alert.get("severity").asString()).isEqualTo("critical");
        assertThat(alert.get("summary").asString()).contains("cpu_percent > 80");
        assertThat(ruleState(rule)).isEqualTo("firing");

        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.received().size() == 1 && slack.received().size() == 1
                && pagerduty.received().size() == 1 && mail.getReceivedMessages().length == 1);
        TestReceiver.Received hook = webhook.received().getFirst();
        assertThat(hook.header("X-CodeRunner-Signature")).isEqualTo("sha256=" + hmacSha256(SECRET, hook.body()));
        assertThat(hook.json().get("event").asString()).isEqualTo("firing");
        assertThat(hook.json().get("alert").get("id").asString()).isEqualTo(id);
        assertThat(slack.received().getFirst().json().get("text").asString()).contains("[FIRING] High CPU on alerting/production");
        assertThat(slack.received().getFirst().json().get("attachments").get(0).get("color").asString()).isEqualTo("danger");
        JsonNode trigger = pagerduty.received().getFirst().json();
        assertThat(trigger.get("event_action").asString()).isEqualTo("trigger");
        assertThat(trigger.get("routing_key").asString()).isEqualTo("R0UT1NGKEY");
        assertThat(trigger.get("dedup_key").asString()).isEqualTo("coderunner-" + id);
        assertThat(trigger.get("payload").get("severity").asString()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("source").asString()).isEqualTo("alerting/production");
        MimeMessage email = mail.getReceivedMessages()[0];
        assertThat(email.getSubject()).contains("[FIRING] High CPU");
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");

        // Still breached, and then in the hysteresis band: the episode goes on, nobody is told again.
        clock.advance(Duration.ofSeconds(60));
        evaluation.evaluateAll();
        metrics.set("alerting", "cpu_percent", 70);
        clock.advance(Duration.ofSeconds(15));
        evaluation.evaluateAll();
        metrics.set("alerting", "cpu_percent", 60);
        evaluation.evaluateAll();
        assertThat(firing("alerting")).hasSize(1);

        metrics.set("alerting", "cpu_percent", 50);
        clock.advance(Duration.ofSeconds(15));
        evaluation.evaluateAll();
        assertThat(firing("alerting")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.received().size() == 2 && slack.received().size() == 2
                && pagerduty.received().size() == 2 && mail.getReceivedMessages().length == 2);
        assertThat(webhook.received().get(1).json().get("event").asString()).isEqualTo("resolved");
        assertThat(slack.received().get(1).json().get("text").asString()).contains("[RESOLVED] High CPU");
        JsonNode resolve = pagerduty.received().get(1).json();
        assertThat(resolve.get("event_action").asString()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asString()).isEqualTo("coderunner-" + id);
        assertThat(mail.getReceivedMessages()[1].getSubject()).contains("[RESOLVED] High CPU");

        JsonNode history = api.get("/api/v1/alerts?app=alerting").json().get("items");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("state").asString()).isEqualTo("resolved");
        assertThat(history.get(0).get("value").asDouble()).isEqualTo(50.0);
        assertThat(Duration.between(Instant.parse(history.get(0).get("firedAt").asString()),
                Instant.parse(history.get(0).get("resolvedAt").asString()))).isEqualTo(Duration.ofSeconds(90));
        assertThat(Duration.between(Instant.parse(history.get(0).get("startedAt").asString()),
                Instant.parse(history.get(0).get("firedAt").asString()))).isEqualTo(Duration.ofSeconds(30));

        List<String> published = bus.since("notifications", 0).stream().filter(e -> e.data() instanceof Alert a && a.id().equals(id))
                .map(Event::type).toList();
        assertThat(published).containsExactly("alert-firing", "alert-resolved");

        String cipher = jdbc.sql("SELECT secret_cipher FROM alert_channels WHERE id = ?").param(channels.get(1)).query(String.class).single();
        assertThat(cipher).startsWith("tink:").doesNotContain("services");
        JsonNode shown = api.get("/api/v1/alerts/channels/" + channels.get(1)).json();
        assertThat(shown.get("target").asString()).doesNotContain("services");
        assertThat(shown.get("sent").asInt()).isEqualTo(2);
    }

    @Test
    void acknowledgeTellsPagerDutyAndSilenceKeepsNewEpisodesQuietUntilItEnds() {
        app = createApp("quiet");
        String pager = channel("/api/v1/apps/quiet/alerts/channels", Map.of("name", "pager", "type", "pagerduty", "routingKey", "KEY",
                "url", pagerduty.url("/v2/enqueue")));
        String hook = channel("/api/v1/apps/quiet/alerts/channels", Map.of("name", "hook", "type", "webhook", "url", webhook.url("/q")));
        assertThat(api.post("/api/v1/apps/quiet/envs/production/alerts/rules", Map.of("name", "Errors", "metric", "error_rate",
                "comparison", ">=", "threshold", 0.05, "severity", "warning", "channels", List.of(pager, hook))).status()).isEqualTo(201);

        metrics.set("quiet", "error_rate", 0.2);
        evaluation.evaluateAll();
        String id = firing("quiet").getFirst().get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> pagerduty.received().size() == 1 && webhook.received().size() == 1);

        Api.Answer ack = api.post("/api/v1/alerts/" + id + "/ack", Map.of());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedBy").asString()).isEqualTo("admin");
        assertThat(api.post("/api/v1/alerts/" + id + "/ack", Map.of()).status()).as("acknowledging twice changes nothing").isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> pagerduty.received().size() == 2 && webhook.received().size() == 2);
        assertThat(pagerduty.received().get(1).json().get("event_action").asString()).isEqualTo("acknowledge");
        assertThat(pagerduty.received().get(1).json().get("dedup_key").asString()).isEqualTo("coderunner-" + id);
        assertThat(webhook.received().get(1).json().get("event").asString()).isEqualTo("acknowledged");

        metrics.set("quiet", "error_rate", 0.0);
        evaluation.evaluateAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> pagerduty.received().size() == 3 && webhook.received().size() == 3);
        Api.Answer late = api.post("/api/v1/alerts/" + id + "/ack", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.json().get("type").asString()).isEqualTo("alert-resolved");

        Api.Answer silenced = api.post("/api/v1/alerts/" + id + "/silence", Map.of("for", "1h"));
        assertThat(silenced.status()).as(silenced.body()).isEqualTo(200);
        assertThat(silenced.json().get("silencedUntil").isNull()).isFalse();
        metrics.set("quiet", "error_rate", 0.3);
        evaluation.evaluateAll();
        JsonNode quietOne = firing("quiet").getFirst();
        assertThat(quietOne.get("silenced").asBoolean()).isTrue();
        metrics.set("quiet", "error_rate", 0.0);
        evaluation.evaluateAll();
        assertThat(firing("quiet")).isEmpty();
        assertThat(deliveries.pending()).isZero();
        assertThat(pagerduty.received()).as("a silenced episode notifies nobody").hasSize(3);
        assertThat(webhook.received()).hasSize(3);

        clock.advance(Duration.ofMinutes(61));
        metrics.set("quiet", "error_rate", 0.3);
        evaluation.evaluateAll();
        assertThat(firing("quiet").getFirst().get("silenced").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> pagerduty.received().size() == 4);
        assertThat(api.get("/api/v1/alerts?app=quiet").json().get("items")).hasSize(3);
        JsonNode first = api.get("/api/v1/alerts?app=quiet&limit=2").json();
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = api.get("/api/v1/alerts?app=quiet&limit=2&cursor="
                + java.net.URLEncoder.encode(first.get("nextCursor").asString(), java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(second.get("items")).hasSize(1);
        java.util.Set<String> ids = new java.util.HashSet<>();
        first.get("items").forEach(a -> ids.add(a.get("id").asString()));
        ids.add(second.get("items").get(0).get("id").asString());
        assertThat(ids).as("two pages hold all three alerts, none twice").hasSize(3).contains(id);
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoffAndCountedOnTheChannel() {
        app = createApp("flaky");
        webhook.failFirst(2);
        String hook = channel("/api/v1/apps/flaky/alerts/channels", Map.of("name", "hook", "type", "webhook", "url", webhook.url("/flaky"),
                "secret", SECRET));
        String refused = channel("/api/v1/apps/flaky/alerts/channels", Map.of("name", "gone", "type", "slack",
                "url", "http://127.0.0.1:9/closed"));
        api.post("/api/v1/apps/flaky/envs/production/alerts/rules", Map.of("name", "Slow", "metric", "latency_p95_ms", "comparison", ">",
                "threshold", 300, "channels", List.of(hook, refused)));

        metrics.set("flaky", "latency_p95_ms", 900);
        evaluation.evaluateAll();

        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.received().size() == 1);
        assertThat(webhook.attempts()).isEqualTo(3);
        JsonNode channel = api.get("/api/v1/alerts/channels/" + hook).json();
        assertThat(channel.get("sent").asInt()).isEqualTo(1);
        assertThat(channel.get("failed").asInt()).isEqualTo(2);
        assertThat(channel.get("lastError").asString()).contains("503");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/alerts/channels/" + refused).json().get("failed").asInt() == 4);
        assertThat(api.get("/api/v1/alerts/channels/" + refused).json().get("lastError").asString()).contains("cannot reach 127.0.0.1");

        JsonNode test = api.post("/api/v1/alerts/channels/" + hook + "/test", Map.of()).json();
        assertThat(test.get("delivered").asBoolean()).isTrue();
        assertThat(webhook.received().getLast().json().get("event").asString()).isEqualTo("test");
        assertThat(api.delete("/api/v1/alerts/channels/" + hook).status()).as("a rule still uses it").isEqualTo(409);
    }

    @Test
    void badRulesAndChannelsAreRefusedWithProblemDetailsAndChangeNothing() {
        app = createApp("strict");
        String rules = "/api/v1/apps/strict/envs/production/alerts/rules";
        Api.Answer bad = api.post(rules, Map.of("name", "", "metric", "cpu", "comparison", "=>", "threshold", "high", "for", "soon"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("type").asString()).isEqualTo("invalid-alert-rule");
        assertThat(StreamSupport.stream(bad.json().get("errors").spliterator(), false).map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("name", "metric", "comparison", "threshold", "for");

        Api.Answer hysteresis = api.post(rules, Map.of("name", "x", "metric", "cpu_percent", "comparison", ">", "threshold", 80,
                "resolveThreshold", 90));
        assertThat(hysteresis.json().get("errors").get(0).get("field").asString()).isEqualTo("resolveThreshold");
        Api.Answer unknownChannel = api.post(rules, Map.of("name", "x", "metric", "cpu_percent", "comparison", ">", "threshold", 80,
                "channels", List.of("chn_nope")));
        assertThat(unknownChannel.status()).isEqualTo(422);
        assertThat(unknownChannel.json().get("errors").get(0).get("field").asString()).isEqualTo("channels[0]");
        assertThat(api.get(rules).json().get("items")).isEmpty();

        Api.Answer badChannel = api.post("/api/v1/apps/strict/alerts/channels", Map.of("name", "x", "type", "slack", "url", "ftp://x"));
        assertThat(badChannel.status()).isEqualTo(422);
        assertThat(badChannel.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
        assertThat(api.get("/api/v1/apps/strict/alerts/channels").json().get("items")).isEmpty();

        assertThat(api.get("/api/v1/apps/strict/envs/nope/alerts/rules").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/alerts?state=open").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/alerts/alt_nope/ack", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void rulesCanBeChangedDisabledAndDeleted() {
        app = createApp("editable");
        String rules = "/api/v1/apps/editable/envs/production/alerts/rules";
        String id = api.post(rules, Map.of("name", "Memory", "metric", "memory_bytes", "comparison", ">", "threshold", 1e9)).json().get("id").asString();
        metrics.set("editable", "memory_bytes", 2e9);
        evaluation.evaluateAll();
        assertThat(firing("editable")).hasSize(1);

        Api.Answer changed = api.put(rules + "/" + id, Map.of("name", "Memory", "metric", "memory_bytes", "comparison", ">", "threshold", 3e9,
                "enabled", false));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("status").get("state").asString()).isEqualTo("disabled");
        assertThat(firing("editable")).as("a changed rule's open alert is closed").isEmpty();
        evaluation.evaluateAll();
        assertThat(firing("editable")).isEmpty();

        assertThat(api.delete(rules + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(rules + "/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/audit?action=alert.rule.delete").json().get("items").get(0).get("target").asString())
                .isEqualTo("editable/production");
    }

    /** Computed here, as a receiver would, rather than with the code under test. */
    private static String hmacSha256(String secret, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    private String createApp(String name) {
        Api.Answer a = api.post("/api/v1/apps", Map.of("name", name));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return name;
    }

    private String channel(String path, Map<String, Object> body) {
        Api.Answer a = api.post(path, body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asString();
    }

    private String ruleState(String rule) {
        return api.get("/api/v1/apps/alerting/envs/production/alerts/rules/" + rule).json().get("status").get("state").asString();
    }

    /** These tests move the clock by hours: a login's 15-minute access token would expire, an API token does not. */
    @org.junit.jupiter.api.BeforeEach
    void useAnApiToken() {
        api = new dev.coderunner.testsupport.Accounts(api, port).token(api, "admin");
    }

    private List<JsonNode> firing(String app) {
        return StreamSupport.stream(api.get("/api/v1/alerts?state=firing&app=" + app).json().get("items").spliterator(), false).toList();
    }
}
