package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.coderunner.auth.Principal;
import dev.coderunner.web.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeEndpointTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        String home = Files.createTempDirectory("cr-ws-test").toString();
        r.add("coderunner.home", () -> home);
        r.add("CODERUNNER_ADMIN_PASSWORD", () -> "s3cret-pass");
        r.add("coderunner.router.port", () -> "0");
        r.add("coderunner.events.buffer-size", () -> "50");
        r.add("coderunner.events.ws-queue-size", () -> "60");
        r.add("coderunner.events.ws-max-unsent-responses", () -> "2");
    }

    /** A request like the capabilities' ({@code get_metrics}, …): echoes its fields, or fails as asked by {@code app}. */
    @TestConfiguration
    static class EchoRequest {
        @Bean
        RealtimeRequest echo() {
            return new RealtimeRequest() {
                @Override
                public String type() {
                    return "get_echo";
                }

                @Override
                public Object answer(Principal caller, Message message) {
                    String app = message.required("app");
                    if (app.equals("hidden")) {
                        throw ApiException.notFound("app", app);
                    }
                    if (app.equals("broken")) {
                        throw new IllegalStateException("a bug, not the client's fault");
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("app", app);
                    data.put("caller", caller.username());
                    data.put("range", message.text("range", "1h"));
                    data.put("figures", message.texts("figures"));
                    data.put("step", message.integer("step"));
                    Integer padding = message.integer("padding");
                    if (padding != null) {
                        data.put("padding", "x".repeat(padding));
                    }
                    return data;
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    WebServerApplicationContext context;

    final HttpClient http = HttpClient.newHttpClient();
    String access;

    @BeforeEach
    void login() throws Exception {
        access = WsTestClient.login(http, port);
    }

    WsTestClient connect() throws Exception {
        return WsTestClient.connect(http, port, WsTestClient.ticket(http, port, access), true);
    }

    static void assertEvent(JsonNode n, String channel, long seq) {
        assertThat(n.get("type").asString()).as(n.toString()).isEqualTo("event");
        assertThat(n.get("channel").asString()).isEqualTo(channel);
        assertThat(n.get("seq").asLong()).as(n.toString()).isEqualTo(seq);
    }

    @Test
    void tomcatReportsWritesThatFinishAtOnceOnTheWritingThread() {
        var server = (TomcatWebServer) context.getWebServer();
        assertThat(server.getTomcat().getConnector().getProtocolHandler().getExecutor()).isInstanceOf(InlineCompletions.class);
    }

    @Test
    void replaysThenStreamsInOrderAndResumesAfterAReconnect() throws Exception {
        String channel = "deployments:shop/production";
        for (int i = 1; i <= 3; i++) {
            bus.publish(channel, "deployment", Map.of("id", "dep_" + i, "status", "queued"));
        }
        long lastSeen;
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"subscribe\",\"id\":1,\"channel\":\"" + channel + "\"}");
            JsonNode ack = c.next();
            assertThat(ack.get("type").asString()).isEqualTo("subscribed");
            assertThat(ack.get("id").asInt()).isEqualTo(1);
            assertThat(ack.get("seq").asLong()).isEqualTo(3);
            for (int i = 1; i <= 3; i++) {
                assertEvent(c.next(), channel, i);
            }
            bus.publish(channel, "deployment", Map.of("id", "dep_4", "status", "building"));
            bus.publish(channel, "deployment", Map.of("id", "dep_5", "status", "succeeded"));
            JsonNode fourth = c.next();
            assertEvent(fourth, channel, 4);
            assertThat(fourth.get("kind").asString()).isEqualTo("deployment");
            assertThat(fourth.get("data").get("status").asString()).isEqualTo("building");
            assertEvent(c.next(), channel, 5);
            lastSeen = 5;
        }
        // While disconnected, more happens.
        for (int i = 6; i <= 8; i++) {
            bus.publish(channel, "deployment", Map.of("id", "dep_" + i, "status", "queued"));
        }
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":\"" + lastSeen + "\"}");
            assertThat(c.next().get("type").asString()).isEqualTo("subscribed");
            for (int i = 6; i <= 8; i++) {
                assertEvent(c.next(), channel, i);
            }
            bus.publish(channel, "deployment", Map.of("id", "dep_9", "status", "queued"));
            assertEvent(c.next(), channel, 9);
            assertThat(c.poll(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void withBatchAndATicketFramesMayBeArraysOfTheOrdinaryMessagesInOrder() throws Exception {
        String channel = "deployments:batch/production";
        for (int i = 1; i <= 40; i++) {   // within the buffer (50 here)
            bus.publish(channel, "deployment", Map.of("id", "dep_" + i, "status", "queued"));
        }
        try (WsTestClient c = WsTestClient.connectWithQuery(http, port, "?batch=1&ticket=" + WsTestClient.ticket(http, port, access), true)) {
            c.send("{\"type\":\"subscribe\",\"id\":1,\"channel\":\"" + channel + "\",\"since\":0}");
            JsonNode ack = c.next();
            assertThat(ack.get("type").asString()).isEqualTo("subscribed");
            assertThat(ack.get("id").asInt()).isEqualTo(1);
            for (int i = 1; i <= 40; i++) {
                assertEvent(c.next(), channel, i);
            }
            c.send("{\"type\":\"ping\",\"id\":2}");
            assertThat(c.next().get("type").asString()).isEqualTo("pong");
            // Batched frames are sent as UTF-8 bytes made once per event: text beyond ASCII arrives intact.
            bus.publish(channel, "deployment", Map.of("id", "dep_41", "status", "naïve ✓ 🚀"));
            JsonNode live = c.next();
            assertEvent(live, channel, 41);
            assertThat(live.get("data").get("status").asString()).isEqualTo("naïve ✓ 🚀");
            assertThat(c.frames).allSatisfy(frame -> assertThat(frame.isObject() || frame.size() > 1).as(frame.toString()).isTrue());
        }
    }

    @Test
    void withoutBatchEveryFrameIsOneMessage() throws Exception {
        String channel = "deployments:unbatched/production";
        for (int i = 1; i <= 40; i++) {   // within the buffer (50 here)
            bus.publish(channel, "deployment", Map.of("id", "dep_" + i, "status", "queued"));
        }
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":0}");
            assertThat(c.next().get("type").asString()).isEqualTo("subscribed");
            for (int i = 1; i <= 40; i++) {
                assertEvent(c.next(), channel, i);
            }
            assertThat(c.frames).hasSize(41).allSatisfy(frame -> assertThat(frame.isObject()).isTrue());
        }
    }

    @Test
    void aCursorOlderThanTheBufferGetsAGapFirst() throws Exception {
        String channel = "instances:shop/production";
        for (int i = 1; i <= 60; i++) {
            bus.publish(channel, "instance", Map.of("id", "web.1", "n", i));
        }
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":0}");
            JsonNode gap = c.nextEventOrGap();
            assertThat(gap.get("type").asString()).isEqualTo("gap");
            assertThat(gap.get("missed").asLong()).isEqualTo(10);
            for (int i = 11; i <= 60; i++) {
                assertEvent(c.next(), channel, i);
            }
        }
    }

    @Test
    void sinceNowIsLiveOnlyAndUnsubscribeStopsEvents() throws Exception {
        String channel = "deployment:dep_live";
        bus.publish(channel, "log", Map.of("line", "old"));
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":\"now\"}");
            assertThat(c.next().get("type").asString()).isEqualTo("subscribed");
            bus.publish(channel, "phase", Map.of("status", "building"));
            JsonNode e = c.next();
            assertEvent(e, channel, 2);
            assertThat(e.get("kind").asString()).isEqualTo("phase");
            c.send("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"channel\":\"" + channel + "\"}");
            assertThat(c.next().get("type").asString()).isEqualTo("unsubscribed");
            bus.publish(channel, "log", Map.of("line", "after"));
            assertThat(c.poll(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void pingPongAndErrorsCarryTheRequestId() throws Exception {
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"ping\",\"id\":7}");
            JsonNode pong = c.next();
            assertThat(pong.get("type").asString()).isEqualTo("pong");
            assertThat(pong.get("id").asInt()).isEqualTo(7);
            c.send("{\"type\":\"subscribe\",\"id\":8,\"channel\":\"secrets:../etc\"}");
            JsonNode err = c.next();
            assertThat(err.get("type").asString()).isEqualTo("error");
            assertThat(err.get("id").asInt()).isEqualTo(8);
            assertThat(err.get("code").asString()).isEqualTo("invalid-channel");
            c.send("not json");
            assertThat(c.next().get("code").asString()).isEqualTo("invalid-message");
        }
    }

    @Test
    void aMessageToTheServerOver8KbClosesTheConnection() throws Exception {
        try (WsTestClient c = connect()) {
            String id = "x".repeat(8_000);   // the whole message is just under 8,192 characters
            c.send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
            assertThat(c.next().get("id").asString()).isEqualTo(id);
            c.send("{\"type\":\"ping\",\"id\":\"" + id + "x".repeat(200) + "\"}");
            JsonNode closed = c.next();
            assertThat(closed.get("type").asString()).isEqualTo("closed");
            // 1009 (message too big) comes in a close frame, but the rest of the message is still unread on the
            // server when it closes, so its kernel may answer with a reset that overtakes that frame: 1006.
            assertThat(closed.get("code").asInt()).as(closed.toString()).isIn(1009, 1006);
        }
    }

    @Test
    void aMessageOver8KbInTwoFramesIsRefusedWithCode1009() throws Exception {
        // Here the server has read every byte when the second frame overflows the limit, so no reset can overtake
        // its close frame: the code is always 1009.
        try (WsTestClient c = connect()) {
            c.sendInFrames("{\"type\":\"ping\",\"id\":\"" + "x".repeat(8_000), "x".repeat(200) + "\"}");
            JsonNode closed = c.next();
            assertThat(closed.get("type").asString()).isEqualTo("closed");
            assertThat(closed.get("code").asInt()).as(closed.toString()).isEqualTo(1009);
        }
    }

    @Test
    void requestsAreAnsweredInOrderWithTheirIdAsSent() throws Exception {
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"get_echo\",\"id\":{\"tab\":3,\"n\":[1,true]},\"app\":\"shop\",\"figures\":[\"a\",\"b\"],\"step\":60}");
            c.send("{\"type\":\"ping\",\"id\":\"p\"}");
            c.send("{\"type\":\"get_echo\",\"id\":9007199254740993,\"app\":\"shop\"}");
            JsonNode first = c.next();
            assertThat(first.get("type").asString()).as(first.toString()).isEqualTo("response");
            assertThat(first.get("id")).isEqualTo(WsTestClient.JSON.readTree("{\"tab\":3,\"n\":[1,true]}"));
            assertThat(first.get("data")).isEqualTo(WsTestClient.JSON.readTree(
                    "{\"app\":\"shop\",\"caller\":\"admin\",\"range\":\"1h\",\"figures\":[\"a\",\"b\"],\"step\":60}"));
            assertThat(c.next().get("type").asString()).isEqualTo("pong");
            JsonNode third = c.next();
            assertThat(third.get("id").asString()).isEqualTo("9007199254740993");
            assertThat(third.get("data").get("range").asString()).isEqualTo("1h");
        }
    }

    @Test
    void aFailedRequestAnswersAnErrorWithTheRestStatusAndTheConnectionGoesOn() throws Exception {
        try (WsTestClient c = connect()) {
            c.send("{\"type\":\"get_echo\",\"id\":1}");
            JsonNode missing = c.next();
            assertThat(missing.get("type").asString()).as(missing.toString()).isEqualTo("error");
            assertThat(missing.get("id").asInt()).isEqualTo(1);
            assertThat(missing.get("status").asInt()).isEqualTo(400);
            assertThat(missing.get("code").asString()).isEqualTo("missing-field");
            assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("app");

            c.send("{\"type\":\"get_echo\",\"id\":2,\"app\":\"shop\",\"figures\":\"a,b\"}");
            JsonNode invalid = c.next();
            assertThat(invalid.get("status").asInt()).as(invalid.toString()).isEqualTo(400);
            assertThat(invalid.get("code").asString()).isEqualTo("invalid-field");
            assertThat(invalid.get("detail").asString()).contains("'figures'");

            c.send("{\"type\":\"get_echo\",\"id\":3,\"app\":\"hidden\"}");
            JsonNode notFound = c.next();
            assertThat(notFound.get("id").asInt()).isEqualTo(3);
            assertThat(notFound.get("status").asInt()).isEqualTo(404);
            assertThat(notFound.get("code").asString()).isEqualTo("app-not-found");

            c.send("{\"type\":\"get_echo\",\"id\":4,\"app\":\"broken\"}");
            JsonNode failed = c.next();
            assertThat(failed.get("status").asInt()).isEqualTo(500);
            assertThat(failed.get("code").asString()).isEqualTo("internal-error");
            assertThat(failed.get("detail").asString()).doesNotContain("bug");

            c.send("{\"type\":\"get_nothing\",\"id\":5}");
            assertThat(c.next().get("code").asString()).isEqualTo("unknown-type");
            c.send("{\"type\":\"ping\",\"id\":6}");
            JsonNode pong = c.next();
            assertThat(pong.get("type").asString()).isEqualTo("pong");
            assertThat(pong.get("id").asInt()).isEqualTo(6);
        }
    }

    @Test
    void aClientAskingFasterThanItReadsIsRefusedUntilItReads() throws Exception {
        try (WsTestClient c = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, access), false)) {
            // 30 answers of 1 MB, more than the socket buffers hold: the sender blocks and answers wait in the queue.
            for (int i = 1; i <= 30; i++) {
                c.send("{\"type\":\"get_echo\",\"id\":" + i + ",\"app\":\"big\",\"padding\":1000000}");
            }
            c.socket.request(Long.MAX_VALUE);
            int refused = 0;
            for (int i = 1; i <= 30; i++) {
                JsonNode n = c.next();
                assertThat(n.get("id").asInt()).isEqualTo(i);
                if (n.get("type").asString().equals("error")) {
                    assertThat(n.get("code").asString()).isEqualTo("too-many-requests");
                    assertThat(n.get("status").asInt()).isEqualTo(429);
                    refused++;
                } else {
                    assertThat(n.get("data").get("padding").asString()).hasSize(1_000_000);
                }
            }
            assertThat(refused).isPositive();
            c.send("{\"type\":\"get_echo\",\"id\":31,\"app\":\"small\"}");
            assertThat(c.next().get("type").asString()).isEqualTo("response");
        }
    }

    @Test
    void ticketsAreSingleUseAndAHandshakeWithoutCredentialsIsRefused() throws Exception {
        String ticket = WsTestClient.ticket(http, port, access);
        WsTestClient.connect(http, port, ticket, true).close();
        assertThatThrownBy(() -> WsTestClient.connect(http, port, ticket, true)).isInstanceOf(CompletionException.class);
        assertThatThrownBy(() -> WsTestClient.connect(http, port, "made-up", true)).isInstanceOf(CompletionException.class);
    }

    @Test
    void aBearerHeaderAlsoAuthenticates() throws Exception {
        try (WsTestClient c = WsTestClient.connectWithBearer(http, port, access)) {
            c.send("{\"type\":\"ping\"}");
            assertThat(c.next().get("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatDoesNotReadGetsAGapAndNeverSlowsThePublisher() throws Exception {
        String channel = "deployment:dep_flood";
        String line = "x".repeat(2000);
        try (WsTestClient c = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, access), false)) {
            c.socket.request(1);
            c.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":\"now\"}");
            assertThat(c.next().get("type").asString()).isEqualTo("subscribed");
            long start = System.nanoTime();
            for (int i = 0; i < 5000; i++) {
                bus.publish(channel, "log", Map.of("line", line));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            c.socket.request(Long.MAX_VALUE);
            boolean sawGap = false;
            long lastSeq = 0;
            JsonNode n;
            while ((n = c.poll(Duration.ofSeconds(3))) != null) {
                if (n.get("type").asString().equals("gap")) {
                    sawGap = true;
                    assertThat(n.get("missed").asLong()).isPositive();
                } else {
                    assertThat(n.get("seq").asLong()).isGreaterThan(lastSeq);
                    lastSeq = n.get("seq").asLong();
                }
                if (lastSeq == 5000 || (sawGap && lastSeq > 0 && c.received.isEmpty() && lastSeq == 5000)) {
                    break;
                }
            }
            assertThat(sawGap).isTrue();
        }
    }
}
