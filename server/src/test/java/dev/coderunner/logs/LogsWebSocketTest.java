package dev.coderunner.logs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code logs:<app>/<env>} channel of {@code /api/v1/ws}: a deliberately slow client gets {@code gap}
 * messages (and can fetch what it missed by query) while a fast one gets every line. Runs where the
 * real-time endpoint exists (package {@code events}).
 */
@EnabledIf("realtimeEndpointPresent")
class LogsWebSocketTest extends ControlPlaneTest {

    static final int LINES = 30_000;

    static boolean realtimeEndpointPresent() {
        try {
            Class.forName("dev.coderunner.events.RealtimeHandler");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Collects the messages of one WebSocket; {@code slow} reads one message at a time with a pause. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<Long> gaps = new CopyOnWriteArrayList<>();
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
                switch (m.path("type").asString()) {
                    case "event" -> events.add(m);
                    case "gap" -> gaps.add(m.get("missed").asLong());
                    default -> { }
                }
            }
            if (slow.get()) {
                return CompletableFuture.runAsync(() -> {
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
                while [ $i -lt %d ]; do i=$((i+1)); echo "n $i"; done
                exec sleep 100000
                """.formatted(LINES)).bytes();
        String id = deploy("burst", burst);
        assertThat(awaitDeployment(id).get("status").asString()).isEqualTo("succeeded");
        Client fast = new Client(false);
        Client slow = new Client(true);
        WebSocket fastWs = connect(fast);
        WebSocket slowWs = connect(slow);

        await().atMost(Duration.ofSeconds(60)).until(() -> fast.lines() == LINES);
        slow.slow.set(false);   // let it catch up now, so that everything it was sent can be counted
        slowWs.request(Long.MAX_VALUE);
        long last = fast.events.getLast().get("seq").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !slow.events.isEmpty() && slow.events.getLast().get("seq").asLong() == last);

        assertThat(fast.gaps).isEmpty();
        for (int i = 1; i < fast.events.size(); i++) {
            assertThat(fast.events.get(i).get("seq").asLong()).isEqualTo(fast.events.get(i - 1).get("seq").asLong() + 1);
        }
        assertThat(slow.gaps).isNotEmpty();
        long first = slow.events.getFirst().get("seq").asLong();
        long missed = slow.gaps.stream().mapToLong(Long::longValue).sum();
        assertThat(slow.events.size() + missed).as("received + missed covers every seq").isEqualTo(last - first + 1);

        // What the slow client missed is there to fetch by query, from the cursor before the gap.
        long before = 0;
        for (int i = 1; i < slow.events.size(); i++) {
            long prev = slow.events.get(i - 1).get("seq").asLong();
            if (slow.events.get(i).get("seq").asLong() != prev + 1) {
                before = prev;
                break;
            }
        }
        JsonNode page = api.get("/api/v1/apps/burst/envs/production/logs?order=asc&limit=10&cursor=" + before).json();
        assertThat(page.get("items").get(0).get("cursor").asLong()).isEqualTo(before + 1);
        fastWs.abort();
        slowWs.abort();
        api.delete("/api/v1/apps/burst");
    }
}
