package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A client that stops reading is disconnected after the send timeout; one that reads stays. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StalledClientTest {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        String home = Files.createTempDirectory("cr-ws-stall-test").toString();
        r.add("coderunner.home", () -> home);
        r.add("CODERUNNER_ADMIN_PASSWORD", () -> "s3cret-pass");
        r.add("coderunner.router.port", () -> "0");
        r.add("coderunner.events.ws-send-timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newHttpClient();

    double openConnections() {
        return meters.get("coderunner.ws.connections").gauge().value();
    }

    @Test
    void aClientThatTakesNoFrameWithinTheSendTimeoutIsDisconnectedAndAReadingOneIsNot() throws Exception {
        String access = WsTestClient.login(http, port);
        String channel = "deployment:dep_stall";
        String subscribe = "{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":\"now\"}";
        String line = "x".repeat(2000);
        try (WsTestClient stalled = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, access), false);
                WsTestClient reading = WsTestClient.connect(http, port, WsTestClient.ticket(http, port, access), true)) {
            stalled.socket.request(1);   // the answer to subscribe, then nothing more
            stalled.send(subscribe);
            assertThat(stalled.next().get("type").asString()).isEqualTo("subscribed");
            reading.send(subscribe);
            assertThat(reading.next().get("type").asString()).isEqualTo("subscribed");
            assertThat(openConnections()).isEqualTo(2);

            // Fill the stalled client's socket buffers (a few MB on loopback), then keep the events coming.
            long start = System.nanoTime();
            while (openConnections() > 1) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the stalled client is still connected")
                        .isLessThan(Duration.ofSeconds(15));
                for (int i = 0; i < 50; i++) {
                    bus.publish(channel, "log", Map.of("line", line));
                }
                reading.received.clear();
                reading.frames.clear();
                Thread.sleep(20);
            }

            reading.received.clear();
            bus.publish(channel, "log", Map.of("line", "still here"));
            JsonNode n;
            do {
                n = reading.nextEventOrGap();
            } while (!n.path("data").path("line").asString("").equals("still here"));
            assertThat(openConnections()).isEqualTo(1);
        }
    }
}
