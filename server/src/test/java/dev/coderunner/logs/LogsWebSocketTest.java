package dev.coderunner.logs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code logs:<app>/<env>} channel of {@code /api/v1/ws}: a deliberately slow client gets {@code gap}
 * messages (and can fetch what it missed by query) while a fast one gets every line. Runs where the
 * real-time endpoint exists (package {@code events}).
 */
@TestPropertySource(properties = "coderunner.events.ws-queue-size=20000")
class LogsWebSocketTest extends ControlPlaneTest {

    static final int LINES = 60_000;

    /** Collects the messages of one WebSocket; a {@code slow} one reads one message at a time with a pause. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<Long> gaps = new CopyOnWriteArrayList<>();
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final AtomicBoolean slow;
        private final StringBuilder partial = new StringBuilder();

        Client(boolean slow) {
            this.slow = new AtomicBoolean(slow);
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(slow.get() ? 1 : Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode m = Api.JSON.readTree(partial.toString());
                partial.setLength(0);
                messages.add(m);
                switch (m.path("type").asString()) {
                    case "event" -> events.add(m);
                    case "gap" -> gaps.add(m.get("missed").asLong());
                    default -> { }
                }
            }
            if (slow.get()) {
                // reads about 500 messages a second, far below the burst, but never stalls long enough to be dropped
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ws.request(1);
                });
            }
            return null;
        }

        long lines() {
            return events.stream().filter(e -> e.path("data").path("message").asString().startsWith("n ")).count();
        }
    }

    private WebSocket connect(Client client) {
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + api.token())
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"), client).join();
        ws.sendText("{\"type\":\"subscribe\",\"channel\":\"logs:burst/production\",\"since\":\"now\"}", true).join();
        return ws;
    }

    @Test
    void aSlowClientGetsGapsWhileAFastOneGetsEveryLine() {
        byte[] burst = Archives.tarGz().file("Procfile", "worker: sh ./burst.sh\n").file("burst.sh", """
                sleep 8
                i=0
                while [ $i -lt %d ]; do
                  i=$((i+1)); echo "n $i"
                  [ $((i %% 100)) -eq 0 ] && sleep 0.01
                done
                exec sleep 100000
                """.formatted(LINES)).bytes();
        String id = deploy("burst", burst);
        assertThat(awaitDeployment(id).get("status").asString()).isEqualTo("succeeded");
        Client fast = new Client(false);
        Client slow = new Client(true);
        WebSocket fastWs = connect(fast);
        WebSocket slowWs = connect(slow);

        try {
            await().atMost(Duration.ofSeconds(60)).failFast(() -> !fast.gaps.isEmpty()).until(() -> fast.lines() == LINES);
        } finally {
            System.out.println("FAST lines=" + fast.lines() + " gaps=" + fast.gaps + " SLOW events=" + slow.events.size() + " gaps=" + slow.gaps);
        }
        slow.slow.set(false);   // let it catch up now, so that everything it was sent can be counted
        slowWs.request(Long.MAX_VALUE);
        long last = fast.events.getLast().get("seq").asLong();
        long first = slow.events.getFirst().get("seq").asLong();
        // Everything the slow client was due is accounted for: received, or counted in a gap (possibly its last message).
        await().atMost(Duration.ofSeconds(90)).until(() -> slow.events.size() + slow.gaps.stream().mapToLong(Long::longValue).sum() == last - first + 1);

        assertThat(fast.gaps).isEmpty();
        for (int i = 1; i < fast.events.size(); i++) {
            assertThat(fast.events.get(i).get("seq").asLong()).isEqualTo(fast.events.get(i - 1).get("seq").asLong() + 1);
        }
        assertThat(slow.gaps).isNotEmpty();

        // What the slow client missed is there to fetch by query, from the cursor it had before the gap.
        long before = 0;
        long missed = 0;
        for (JsonNode m : slow.messages) {
            if (m.path("type").asString().equals("event")) {
                before = m.get("seq").asLong();
            } else if (m.path("type").asString().equals("gap")) {
                missed = m.get("missed").asLong();
                break;
            }
        }
        JsonNode page = api.get("/api/v1/apps/burst/envs/production/logs?order=asc&limit=" + Math.min(missed, 10_000) + "&cursor=" + before).json();
        assertThat(page.get("items")).hasSize((int) Math.min(missed, 10_000));
        assertThat(page.get("items").get(0).get("cursor").asLong()).isEqualTo(before + 1);
        fastWs.abort();
        slowWs.abort();
        api.delete("/api/v1/apps/burst");
    }
}
