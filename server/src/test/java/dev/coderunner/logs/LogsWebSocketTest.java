package dev.coderunner.logs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code logs:<app>/<env>} channel of {@code /api/v1/ws}: a deliberately slow client gets {@code gap}
 * messages (and can fetch what it missed by query) while a fast one gets every line, with and without
 * {@code ?batch=1}. The burst starts only once the clients are subscribed (no race with a slow start), and
 * the assertions count messages rather than time them.
 */
@TestPropertySource(properties = "coderunner.events.ws-queue-size=20000")
class LogsWebSocketTest extends ControlPlaneTest {

    static final int LINES = 60_000;
    static final int BATCHED_LINES = 40_000;

    @Autowired
    MeterRegistry meters;

    /**
     * Collects the messages of one WebSocket (the elements of a batched frame one by one); a {@code slow} one
     * reads one frame at a time with a pause, a {@code stalled} one reads its first frame and then nothing
     * until the test asks it for more.
     */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<Long> gaps = new CopyOnWriteArrayList<>();
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final List<JsonNode> arrays = new CopyOnWriteArrayList<>();
        final AtomicBoolean slow;
        private final boolean stalled;
        private final StringBuilder partial = new StringBuilder();

        Client(boolean slow) {
            this(slow, false);
        }

        private Client(boolean slow, boolean stalled) {
            this.slow = new AtomicBoolean(slow);
            this.stalled = stalled;
        }

        static Client stalled() {
            return new Client(false, true);
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(slow.get() || stalled ? 1 : Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = Api.JSON.readTree(partial.toString());
                partial.setLength(0);
                if (frame.isArray()) {
                    arrays.add(frame);
                    frame.forEach(this::add);
                } else {
                    add(frame);
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

        private void add(JsonNode m) {
            messages.add(m);
            switch (m.path("type").asString()) {
                case "event" -> events.add(m);
                case "gap" -> gaps.add(m.get("missed").asLong());
                default -> { }
            }
        }

        /**
         * The seq this client is complete up to, checking exactness on the way: after {@code since}, each event
         * must follow the previous one directly or after a gap announcing exactly the events in between.
         */
        long completeUpTo(long since) {
            long expected = since;
            for (JsonNode m : messages) {
                switch (m.path("type").asString()) {
                    case "gap" -> expected += m.get("missed").asLong();
                    case "event" -> {
                        assertThat(m.get("seq").asLong()).as("seq after %d", expected).isEqualTo(expected + 1);
                        expected = m.get("seq").asLong();
                    }
                    default -> { }
                }
            }
            return expected;
        }

        long lines() {
            return events.stream().filter(e -> e.path("data").path("message").asString().startsWith("n ")).count();
        }
    }

    private WebSocket connect(Client client) {
        return connect(client, "", "burst", "\"now\"");
    }

    private WebSocket connect(Client client, String query, String app, String since) {
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + api.token())
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws" + query), client).join();
        ws.sendText("{\"type\":\"subscribe\",\"channel\":\"logs:" + app + "/production\",\"since\":" + since + "}", true).join();
        return ws;
    }

    /**
     * A worker that writes {@code lines} numbered lines ("n 1", "n 2", …, each followed by {@code pad}) once
     * {@code go} exists, at most about 5,000 a second: on a busy CI machine a fast client fell 20,515 lines behind a
     * burst of twice that rate and overflowed its 20,000-message queue; the slow and stalled clients overflow theirs
     * at any rate.
     */
    private static byte[] burst(int lines, Path go, String pad) {
        return Archives.tarGz().file("Procfile", "worker: sh ./burst.sh\n").file("burst.sh", """
                while [ ! -e '%s' ]; do sleep 0.05; done
                i=0
                while [ $i -lt %d ]; do
                  i=$((i+1)); echo "n $i%s"
                  [ $((i %% 50)) -eq 0 ] && sleep 0.01
                done
                exec sleep 100000
                """.formatted(go, lines, pad)).bytes();
    }

    /** Starts the burst once every client has its subscription confirmed (no race with a slow start). */
    private static void startBurst(Path go, Client... clients) throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(clients)
                .allMatch(c -> c.messages.stream().anyMatch(m -> m.path("type").asString().equals("subscribed"))));
        Files.createFile(go);
    }

    @Test
    void aSlowClientGetsGapsWhileAFastOneGetsEveryLine(@TempDir Path dir) throws IOException {
        Path go = dir.resolve("go");
        String id = deploy("burst", burst(LINES, go, ""));
        assertThat(awaitDeployment(id).get("status").asString()).isEqualTo("succeeded");
        Client fast = new Client(false);
        Client slow = new Client(true);
        WebSocket fastWs = connect(fast);
        WebSocket slowWs = connect(slow);
        startBurst(go, fast, slow);

        try {
            await().atMost(Duration.ofSeconds(60)).failFast(() -> !fast.gaps.isEmpty()).until(() -> fast.lines() == LINES);
        } finally {
            System.out.println("FAST lines=" + fast.lines() + " gaps=" + fast.gaps + " SLOW events=" + slow.events.size() + " gaps=" + slow.gaps);
        }
        // Its backlog shows in /metrics while it is behind, and is gone once it has caught up.
        assertThat(meters.get("coderunner.ws.queued.messages").gauge().value()).isPositive();
        slow.slow.set(false);   // let it catch up now, so that everything it was sent can be counted
        slowWs.request(Long.MAX_VALUE);
        long last = fast.events.getLast().get("seq").asLong();
        long first = slow.events.getFirst().get("seq").asLong();
        // Everything the slow client was due is accounted for: received, or counted in a gap (possibly its last message).
        await().atMost(Duration.ofSeconds(90)).until(() -> slow.events.size() + slow.gaps.stream().mapToLong(Long::longValue).sum() == last - first + 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> meters.get("coderunner.ws.queued.messages").gauge().value() == 0);
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

    /**
     * {@code ?batch=1}: frames may be arrays of ordinary messages. A fast batched client gets every line once
     * in order; a client that stops reading until the server has dropped events for it gets gaps whose counts
     * are exact: after a gap of n, the next event is n + 1 further on. (It resumes as soon as the server
     * counts a drop, because a send blocked for 20 s closes the connection.) A client without
     * {@code batch=1} gets no arrays, and the same messages. Counts, not timings: the burst starts once the
     * clients are subscribed, and the channel is followed from seq 0.
     */
    @Test
    void batchedFramesAreArraysOfOrdinaryMessagesAndAStalledClientGetsExactGaps(@TempDir Path dir) throws IOException {
        Path go = dir.resolve("go");
        // ~1 KB lines, so that the socket buffers of the stalled client fill with few of them
        String id = deploy("burst-batch", burst(BATCHED_LINES, go, " " + "x".repeat(1000)));
        assertThat(awaitDeployment(id).get("status").asString()).isEqualTo("succeeded");
        Client fast = new Client(false);
        Client stalled = Client.stalled();
        WebSocket fastWs = connect(fast, "?batch=1", "burst-batch", "0");
        WebSocket stalledWs = connect(stalled, "?batch=1", "burst-batch", "0");
        double droppedBefore = droppedEvents();
        startBurst(go, fast, stalled);

        try {
            await().atMost(Duration.ofSeconds(120)).failFast(() -> !fast.gaps.isEmpty()).until(() -> droppedEvents() > droppedBefore);
            stalledWs.request(Long.MAX_VALUE);
            await().atMost(Duration.ofSeconds(120)).failFast(() -> !fast.gaps.isEmpty()).until(() -> fast.lines() == BATCHED_LINES);
        } finally {
            System.out.println("BATCHED FAST lines=" + fast.lines() + " frames-as-arrays=" + fast.arrays.size() + " gaps=" + fast.gaps
                    + " STALLED events=" + stalled.events.size() + " gaps=" + stalled.gaps);
        }
        long last = fast.completeUpTo(0);
        assertThat(fast.gaps).isEmpty();
        assertThat(fast.events.stream().map(e -> e.path("data").path("message").asString()).filter(m -> m.startsWith("n "))
                .map(m -> m.split(" ")[1]))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, BATCHED_LINES).mapToObj(Integer::toString).toList());

        await().atMost(Duration.ofSeconds(120)).until(() -> stalled.completeUpTo(0) == last);
        assertThat(stalled.gaps).isNotEmpty();
        assertThat(stalled.arrays).isNotEmpty().allSatisfy(frame -> {
            assertThat(frame.size()).isGreaterThan(1);
            frame.forEach(m -> assertThat(m.isObject() && m.has("type")).isTrue());
        });

        // Without batch=1: one message per frame, each exactly what the batched client got in an array
        // (a late joiner from seq 0: a gap, then the channel's buffered lines).
        Client plain = new Client(false);
        WebSocket plainWs = connect(plain, "", "burst-batch", "0");
        await().atMost(Duration.ofSeconds(120)).until(() -> plain.completeUpTo(0) == last);
        assertThat(plain.arrays).isEmpty();
        Map<Long, JsonNode> batched = new HashMap<>();
        fast.events.forEach(e -> batched.put(e.get("seq").asLong(), e));
        assertThat(plain.events).isNotEmpty().allSatisfy(e -> assertThat(e).isEqualTo(batched.get(e.get("seq").asLong())));
        fastWs.abort();
        stalledWs.abort();
        plainWs.abort();
        api.delete("/api/v1/apps/burst-batch");
    }

    private double droppedEvents() {
        return api.get("/metrics").body().lines().filter(l -> l.startsWith("coderunner_ws_dropped_events_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
