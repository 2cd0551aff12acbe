package dev.coderunner.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client for {@code /api/v1/ws}: collects every text message as JSON (the elements of a batched frame one by one). */
final class WsTestClient implements WebSocket.Listener, AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    /** Every frame as it came (an object, or with {@code ?batch=1} possibly an array). */
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean autoRequest;
    WebSocket socket;

    private WsTestClient(boolean autoRequest) {
        this.autoRequest = autoRequest;
    }

    static String login(HttpClient http, int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"s3cret-pass\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    static String ticket(HttpClient http, int port, String access) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/ws-ticket"))
                .header("Authorization", "Bearer " + access).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("ticket").asString();
    }

    static WsTestClient connect(HttpClient http, int port, String ticket, boolean autoRequest) {
        return connectWithQuery(http, port, "?ticket=" + ticket, autoRequest);
    }

    static WsTestClient connectWithQuery(HttpClient http, int port, String query, boolean autoRequest) {
        WsTestClient c = new WsTestClient(autoRequest);
        c.socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + "/api/v1/ws" + query), c).join();
        return c;
    }

    static WsTestClient connectWithBearer(HttpClient http, int port, String access) {
        WsTestClient c = new WsTestClient(true);
        c.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + access)
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/ws"), c).join();
        return c;
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** One message sent as several frames (a first frame and continuations), in order. */
    void sendInFrames(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    JsonNode next() throws InterruptedException {
        JsonNode n = received.poll(5, TimeUnit.SECONDS);
        if (n == null) {
            throw new AssertionError("no message within 5 s");
        }
        return n;
    }

    /** The next message that is not a protocol acknowledgement. */
    JsonNode nextEventOrGap() throws InterruptedException {
        JsonNode n;
        do {
            n = next();
        } while (n.get("type").asString().equals("subscribed"));
        return n;
    }

    JsonNode poll(Duration d) throws InterruptedException {
        return received.poll(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (autoRequest) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = JSON.readTree(partial.toString());
            partial.setLength(0);
            frames.add(frame);
            if (frame.isArray()) {
                frame.forEach(received::add);
            } else {
                received.add(frame);
            }
        }
        if (autoRequest) {
            webSocket.request(1);
        }
        return null;
    }

    /** The server closed the connection: queued as {@code {"type":"closed","code":…,"reason":…}}. */
    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        received.add(JSON.createObjectNode().put("type", "closed").put("code", statusCode).put("reason", reason));
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
