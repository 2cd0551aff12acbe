package dev.coderunner.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.coderunner.auth.AccessChanged;
import dev.coderunner.auth.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /api/v1/ws} protocol (docs/realtime.md): subscribe/unsubscribe with resume by {@code seq},
 * ping/pong, and request/response messages carrying an {@code id} ({@link RealtimeRequests}).
 */
@Component
class RealtimeHandler extends TextWebSocketHandler implements DisposableBean {

    static final Pattern CHANNEL = Pattern.compile(
            "apps|approvals|notifications|(logs|deployments|metrics|instances|presence):[a-z0-9-]{1,40}/[a-z0-9-]{1,40}|deployment:[A-Za-z0-9_-]{1,64}");

    static final int ACCESS_CHANGED = 4403;

    private final EventBus bus;
    private final JsonMapper json;
    private final int queueSize;
    private final int maxSubscriptions;
    private final Counter dropped;
    private final Frames frames;
    private final Map<String, RealtimeConnection> connections = new ConcurrentHashMap<>();
    private final ChannelGuard guard;
    private final RealtimeRequests requests;
    private final Batching batching;
    private final AtomicInteger batchingConnections = new AtomicInteger();
    private final SenderThreads senders;
    private final ChannelFanout fanout;

    RealtimeHandler(EventBus bus, JsonMapper json, MeterRegistry meters, ChannelGuard guard, RealtimeRequests requests,
            @Value("${coderunner.events.ws-queue-size:2000}") int queueSize,
            @Value("${coderunner.events.ws-max-subscriptions:500}") int maxSubscriptions,
            @Value("${coderunner.events.ws-batch-max-messages:512}") int batchMaxMessages,
            @Value("${coderunner.events.ws-batch-max-chars:262144}") int batchMaxChars,
            @Value("${coderunner.events.ws-batch-linger-per-connection:0s}") Duration lingerPerConnection,
            @Value("${coderunner.events.ws-batch-max-linger:20ms}") Duration maxLinger,
            @Value("${coderunner.events.ws-sender-threads:0}") int senderThreads,
            @Value("${coderunner.events.ws-send-timeout:20s}") Duration sendTimeout) {
        // Writes never block, so a few threads keep up; half the cores leaves the rest to ingest and the API (on 2 cores,
        // one sender gave the 1,000-subscriber fan-out a p99 of 120 ms against 150–200 ms with two: benchmarks/RESULTS.md).
        int threads = senderThreads > 0 ? senderThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.senders = new SenderThreads(threads);
        closeStalledEvery(sendTimeout);
        this.fanout = new ChannelFanout(bus, senders, threads);
        this.bus = bus;
        this.batching = new Batching(batchMaxMessages, batchMaxChars, lingerPerConnection, maxLinger);
        this.json = json;
        this.frames = new Frames(json);
        this.guard = guard;
        this.requests = requests;
        this.queueSize = queueSize;
        this.maxSubscriptions = maxSubscriptions;
        this.dropped = Counter.builder("coderunner.ws.dropped.events")
                .description("Events not delivered to a slow WebSocket client (replaced by a gap message)").register(meters);
        meters.gauge("coderunner.ws.connections", connections, Map::size);
        // Messages waiting in all outbound queues: a slow client's backlog shows here before it turns into gaps.
        meters.gauge("coderunner.ws.queued.messages", connections,
                all -> all.values().stream().mapToInt(RealtimeConnection::queued).sum());
    }

    /**
     * Closes the connections whose client has not taken a frame within {@code timeout}, looked for a few times per
     * timeout. Tomcat can do this itself (its async send timeout), but it files every frame in a shared sorted set to
     * do so: 15 % of the sender threads' time in the 1,000-subscriber fan-out.
     */
    private void closeStalledEvery(Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("coderunner.events.ws-send-timeout must be positive, not " + timeout);
        }
        long nanos = timeout.toNanos();
        Duration period = Duration.ofNanos(Math.clamp(nanos / 4, 10_000_000L, 1_000_000_000L));
        senders.every(period, () -> {
            long now = System.nanoTime();
            for (RealtimeConnection c : connections.values()) {
                if (c.stalled(now, nanos)) {
                    c.abandon(timeout);
                }
            }
        });
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Principal principal = (Principal) session.getAttributes().get(RealtimeHandshake.PRINCIPAL);
        boolean batch = Boolean.TRUE.equals(session.getAttributes().get(RealtimeHandshake.BATCH));
        if (batch) {
            batchingConnections.incrementAndGet();
        }
        connections.put(session.getId(), new RealtimeConnection(session, principal, bus, json, frames, queueSize, dropped, guard,
                batch ? batching : null, batchingConnections::get, senders, fanout));
    }

    @Override
    public void destroy() {
        senders.close();
    }

    /**
     * Rights are checked when a channel is subscribed; when a user's rights shrink (once committed), their sockets are
     * closed with 4403 so that clients reconnect and subscribe again under the new rights.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void accessChanged(AccessChanged change) {
        connections.values().stream().filter(c -> c.principal().userId().equals(change.userId()))
                .forEach(c -> c.close(new CloseStatus(ACCESS_CHANGED, "access changed: " + change.why())));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        RealtimeConnection c = connections.remove(session.getId());
        if (c != null) {
            if (c.batching()) {
                batchingConnections.decrementAndGet();
            }
            c.close(status);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        RealtimeConnection c = connections.get(session.getId());
        if (c == null) {
            return;
        }
        JsonNode m;
        try {
            m = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            c.reply(error(null, "invalid-message", "Messages are JSON objects with a 'type'."));
            return;
        }
        Object id = m.get("id");   // any JSON value, echoed as it came
        String type = m.path("type").asString("");
        String channel = m.path("channel").asString("");
        switch (type) {
            case "ping" -> {
                Map<String, Object> pong = RealtimeConnection.reply("pong", id);
                pong.put("time", Instant.now().toString());
                c.reply(pong);
            }
            case "subscribe" -> {
                if (!CHANNEL.matcher(channel).matches()) {
                    c.reply(error(id, "invalid-channel", "Unknown channel '" + abbreviate(channel) + "'."));
                } else if (!guard.maySubscribe(c.principal(), channel)) {
                    // The same answer whether the app does not exist or is not the caller's to see.
                    c.reply(error(id, "channel-not-found", "No channel '" + abbreviate(channel) + "' that you may subscribe to."));
                } else if (c.subscriptionCount() >= maxSubscriptions) {
                    c.reply(error(id, "too-many-subscriptions", "At most " + maxSubscriptions + " subscriptions per connection."));
                } else {
                    Long since = parseSince(m.get("since"));
                    if (since == null && m.hasNonNull("since") && !m.get("since").asString("").isEmpty()) {
                        c.reply(error(id, "invalid-since", "'since' is a seq number, or \"now\" for live events only."));
                    } else {
                        c.subscribe(channel, since, id);
                    }
                }
            }
            case "unsubscribe" -> {
                c.unsubscribe(channel);
                Map<String, Object> ok = RealtimeConnection.reply("unsubscribed", id);
                ok.put("channel", channel);
                c.reply(ok);
            }
            default -> {
                if (!requests.handle(c, type, id, m)) {
                    c.reply(error(id, "unknown-type", "Unknown message type '" + abbreviate(type) + "'."));
                }
            }
        }
    }

    /** {@code since}: a seq (number or numeric string), "now" (= -1, live only), or absent (= the whole buffer). */
    static Long parseSince(JsonNode since) {
        if (since == null || since.isNull()) {
            return null;
        }
        if (since.isIntegralNumber()) {
            return Math.max(0, since.asLong());
        }
        String s = since.asString("");
        if (s.equals("now")) {
            return -1L;
        }
        try {
            return Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> error(Object id, String code, String detail) {
        Map<String, Object> m = RealtimeConnection.reply("error", id);
        m.put("code", code);
        m.put("detail", detail);
        return m;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
