package dev.coderunner.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import dev.coderunner.auth.Principal;
import io.micrometer.core.instrument.Counter;
import org.apache.tomcat.websocket.PreEncodedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open WebSocket: its subscriptions and its outbound queue, drained by one virtual thread so that
 * a slow client only ever slows itself. Bus listeners run on the publisher's thread and only enqueue.
 * A connection opened with {@code ?batch=1} sends what is ready together as one JSON array per frame.
 */
final class RealtimeConnection {

    private static final Logger log = LoggerFactory.getLogger(RealtimeConnection.class);

    private final WebSocketSession session;
    private final Principal principal;
    private final EventBus bus;
    private final JsonMapper json;
    private final Counter droppedCounter;
    private final Outbox outbox;
    private final Frames frames;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Thread sender;
    private final ChannelGuard guard;
    private final Batching batching;
    private final IntSupplier batchingConnections;
    private final AtomicInteger unsentResponses = new AtomicInteger();

    /** {@code batching} null: one message per frame; else batches, lingering by the count of {@code batchingConnections}. */
    RealtimeConnection(WebSocketSession session, Principal principal, EventBus bus, JsonMapper json, Frames frames, int queueSize,
            Counter droppedCounter, ChannelGuard guard, Batching batching, IntSupplier batchingConnections) {
        this.guard = guard;
        this.batching = batching;
        this.batchingConnections = batchingConnections;
        this.session = session;
        this.frames = frames;
        this.principal = principal;
        this.bus = bus;
        this.json = json;
        this.droppedCounter = droppedCounter;
        this.outbox = new Outbox(queueSize, RealtimeConnection::gap);
        this.sender = Thread.ofVirtual().name("ws-send-" + session.getId()).start(this::drain);
    }

    Principal principal() {
        return principal;
    }

    boolean batching() {
        return batching != null;
    }

    /** Messages waiting to be sent. */
    int queued() {
        return outbox.size();
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    /** A reply of {@code type}, carrying the request's {@code id} when it had one (any JSON value, echoed as it came). */
    static Map<String, Object> reply(String type, Object id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        if (id != null) {
            m.put("id", id);
        }
        return m;
    }

    static Map<String, Object> gap(String channel, long missed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "gap");
        m.put("channel", channel);
        m.put("missed", missed);
        return m;
    }

    static Map<String, Object> event(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "event");
        m.put("channel", e.channel());
        m.put("seq", e.seq());
        m.put("kind", e.type());
        m.put("time", e.time().toString());
        m.put("data", e.data());
        return m;
    }

    /** Queues a reply; a client that does not read its replies is disconnected. */
    void reply(Map<String, Object> message) {
        offerReply(message);
    }

    /** Queues the answer to a request; it counts as unsent until the sender takes it (see {@link #unsentResponses}). */
    void respond(Map<String, Object> message) {
        unsentResponses.incrementAndGet();
        if (!offerReply(new Response(message))) {
            unsentResponses.decrementAndGet();
        }
    }

    /** Answers still queued: responses can be large, so a client asking faster than it reads is refused, not buffered. */
    int unsentResponses() {
        return unsentResponses.get();
    }

    private boolean offerReply(Object message) {
        if (outbox.offerControl(message)) {
            return true;
        }
        close(CloseStatus.POLICY_VIOLATION.withReason("client is not reading"));
        return false;
    }

    /**
     * Subscribes to a channel: replays buffered events after {@code since} (all of the buffer when null,
     * none when negative), with a {@code gap} first if some are no longer buffered, then goes live.
     */
    void subscribe(String channel, Long since, Object id) {
        Subscription old = subscriptions.remove(channel);
        if (old != null) {
            old.close();
        }
        Subscription sub = new Subscription(channel, guard.receivable(principal, channel));
        subscriptions.put(channel, sub);
        sub.handle = bus.subscribe(channel, sub::live);   // listen first, so nothing falls between replay and live
        long last = bus.lastSeq(channel);
        long after = since == null ? 0 : since < 0 ? last : since;
        boolean reset = after > last;   // the client knew a later seq: the server restarted and numbering began again
        if (reset) {
            after = 0;
        }
        List<Event> replay = after >= last ? List.of() : bus.since(channel, after);
        Map<String, Object> ack = reply("subscribed", id);
        ack.put("channel", channel);
        ack.put("seq", last);
        reply(ack);
        sub.startLive(after, last, replay, reset);
    }

    void unsubscribe(String channel) {
        Subscription sub = subscriptions.remove(channel);
        if (sub != null) {
            sub.close();
        }
        outbox.forget(channel);
    }

    void close(CloseStatus status) {
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
        outbox.close();
        sender.interrupt();
        if (session.isOpen()) {
            try {
                session.close(status);
            } catch (IOException e) {
                log.debug("Closing WebSocket {} failed: {}", session.getId(), e.toString());
            }
        }
    }

    private void drain() {
        try {
            if (batching == null) {
                Object message;
                while ((message = outbox.take()) != null) {
                    session.sendMessage(new TextMessage(text(message)));
                }
            } else {
                drainInBatches();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            log.debug("WebSocket {} send failed: {}", session.getId(), e.toString());
            close(CloseStatus.SERVER_ERROR);
        }
    }

    private void drainInBatches() throws InterruptedException, IOException {
        List<Object> ready = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        FrameAssembler frames = new FrameAssembler(batching);
        jakarta.websocket.Session nativeSession = session instanceof NativeWebSocketSession n
                ? n.getNativeSession(jakarta.websocket.Session.class) : null;
        while (outbox.takeBatch(ready, batching.maxMessages(), batching.lingerNanos(batchingConnections.getAsInt()))) {
            for (Object m : ready) {
                messages.add(utf8(m));
            }
            frames.send(messages, frame -> sendFrame(nativeSession, frame));
            ready.clear();
            messages.clear();
        }
    }

    /**
     * Sends a text frame that is already UTF-8. Encoding each connection's frames was most of the server's work
     * in a fan-out (Tomcat encodes {@code String}s one character at a time: 37 % of a 1,000-subscriber profile),
     * while every event's bytes can be made once and shared; {@link PreEncodedText} hands them to Tomcat as they are.
     */
    private void sendFrame(jakarta.websocket.Session nativeSession, ByteBuffer frame) throws IOException {
        if (nativeSession == null || !PreEncodedText.send(nativeSession.getBasicRemote(), frame.duplicate())) {
            session.sendMessage(new TextMessage(StandardCharsets.UTF_8.decode(frame).toString()));
        }
    }

    private byte[] utf8(Object message) {
        return message instanceof Frames.Frame f ? f.utf8() : text(message).getBytes(StandardCharsets.UTF_8);
    }

    private String text(Object message) {
        return message instanceof Frames.Frame f ? f.text() : message instanceof String s ? s
                : message instanceof Response r ? r.take() : json.writeValueAsString(message);
    }

    /** A queued answer to a request, made into text when the sender takes it (once). */
    private final class Response {
        private final Map<String, Object> message;

        Response(Map<String, Object> message) {
            this.message = message;
        }

        String take() {
            unsentResponses.decrementAndGet();
            return json.writeValueAsString(message);
        }
    }

    /** One channel's subscription: buffers live events while the replay is being queued, then passes them on. */
    private final class Subscription {
        private final String channel;
        private final java.util.function.Predicate<Event> receivable;
        private EventBus.Subscription handle;
        private List<Event> pending = new ArrayList<>();
        private long lastSeq;
        private boolean closed;

        Subscription(String channel, java.util.function.Predicate<Event> receivable) {
            this.channel = channel;
            this.receivable = receivable;
        }

        synchronized void live(Event e) {
            if (closed) {
                return;
            }
            if (pending != null) {
                pending.add(e);
            } else {
                forward(e);
            }
        }

        // Called without the bus lock held: the bus calls live() under its lock, so the order is always bus → subscription.
        synchronized void startLive(long after, long last, List<Event> replay, boolean reset) {
            lastSeq = after;
            long firstAvailable = replay.isEmpty() ? last + 1 : replay.getFirst().seq();
            long missed = firstAvailable - after - 1;
            if (reset || missed > 0) {
                Map<String, Object> gap = gap(channel, Math.max(0, missed));
                if (reset) {
                    gap.put("reset", true);
                }
                outbox.offerControl(gap);
            }
            replay.forEach(this::forward);
            pending.forEach(this::forward);
            pending = null;
        }

        private void forward(Event e) {
            if (e.seq() <= lastSeq) {
                return;
            }
            lastSeq = e.seq();
            if (!receivable.test(e)) {
                return;   // about an app this caller may not see
            }
            if (!outbox.offerEvent(channel, frames.of(e))) {
                droppedCounter.increment();
            }
        }

        synchronized void close() {
            closed = true;
            if (handle != null) {
                handle.close();
            }
        }
    }
}
