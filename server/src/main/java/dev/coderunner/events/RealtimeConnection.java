package dev.coderunner.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import dev.coderunner.auth.Principal;
import io.micrometer.core.instrument.Counter;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.PreEncodedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open WebSocket: its subscriptions and its outbound queue, drained by the {@link SenderThreads} one frame at a
 * time with non-blocking writes, so that a slow client only ever slows itself. Its subscriptions get their channels'
 * events in rounds from the {@link ChannelFanout}, and only enqueue them. A connection opened with {@code ?batch=1}
 * sends what is ready together as one JSON array per frame; others send one message per frame.
 */
final class RealtimeConnection implements SendHandler {

    /** Unbatched connections: one message per frame. */
    private static final Batching ONE_PER_FRAME = new Batching(1, Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO);

    // Where the frame being written is: the drain loop and the write's completion hand the connection to each other.
    private static final int IDLE = 0;         // no frame in flight
    private static final int WRITING = 1;      // the drain loop is inside the write call
    private static final int COMPLETED = 2;    // the write completed inside the call: the loop goes on
    private static final int PENDING = 3;      // the call returned first: the completion resumes the drain

    private static final CloseStatus STALLED = CloseStatus.SESSION_NOT_RELIABLE.withReason("client is not reading");
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private static final Logger log = LoggerFactory.getLogger(RealtimeConnection.class);

    private final WebSocketSession session;
    private final Principal principal;
    private final EventBus bus;
    private final JsonMapper json;
    private final Counter droppedCounter;
    private final Outbox outbox;
    private final Frames frames;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final SenderThreads senders;
    private final ChannelFanout fanout;
    private final AtomicInteger writeState = new AtomicInteger(IDLE);
    /** When the frame in flight was started ({@link System#nanoTime}); set before {@link #writeState} says WRITING. */
    private long writeStarted;
    private boolean abandoned;   // only the stall check's thread looks at it
    private final List<Object> ready = new ArrayList<>();
    private int readyAt;
    private final List<byte[]> readyBytes = new ArrayList<>();
    private final FrameAssembler assembler;
    /** The container's own session and its sender, when the container is Tomcat (or another that gives them). */
    private final Session nativeSession;
    private final RemoteEndpoint.Async remote;
    private final ChannelGuard guard;
    private final Batching batching;
    private final IntSupplier batchingConnections;
    private final AtomicInteger unsentResponses = new AtomicInteger();

    /** {@code batching} null: one message per frame; else batches, lingering by the count of {@code batchingConnections}. */
    RealtimeConnection(WebSocketSession session, Principal principal, EventBus bus, JsonMapper json, Frames frames, int queueSize,
            Counter droppedCounter, ChannelGuard guard, Batching batching, IntSupplier batchingConnections, SenderThreads senders, ChannelFanout fanout) {
        this.fanout = fanout;
        this.guard = guard;
        this.batching = batching;
        this.batchingConnections = batchingConnections;
        this.session = session;
        this.frames = frames;
        this.principal = principal;
        this.bus = bus;
        this.json = json;
        this.droppedCounter = droppedCounter;
        this.senders = senders;
        this.assembler = new FrameAssembler(batching == null ? ONE_PER_FRAME : batching);
        this.nativeSession = session instanceof NativeWebSocketSession n ? n.getNativeSession(Session.class) : null;
        this.remote = nativeSession == null ? null : nativeSession.getAsyncRemote();
        this.outbox = new Outbox(queueSize, RealtimeConnection::gap, this::wake);
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
        sub.handle = fanout.subscribe(channel, sub::live);   // listen first, so nothing falls between replay and live
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

    /**
     * Whether a frame has waited longer than {@code timeoutNanos} for the client to take it: a client that stopped
     * reading (or whose network went away) would otherwise hold its connection and queue for ever.
     */
    boolean stalled(long nowNanos, long timeoutNanos) {
        return writeState.get() == PENDING && nowNanos - writeStarted > timeoutNanos;
    }

    /**
     * Closes a stalled connection. Tomcat's close first sends a close frame, which waits behind the frame the client
     * does not take (20 s by default): it gives up after a moment instead, and drops the socket.
     */
    void abandon(Duration timeout) {
        if (abandoned) {
            return;   // being closed: the check runs again before the close is through
        }
        abandoned = true;
        log.info("Closing WebSocket {}: its client took no frame in {}", session.getId(), timeout);
        if (nativeSession != null) {
            nativeSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, 100L);
        }
        Thread.ofVirtual().name("ws-abandon").start(() -> close(STALLED));
    }

    void close(CloseStatus status) {
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
        outbox.close();
        if (session.isOpen()) {
            try {
                session.close(status);
            } catch (IOException e) {
                log.debug("Closing WebSocket {} failed: {}", session.getId(), e.toString());
            }
        }
    }

    /**
     * Asks for a sender once messages wait on an idle connection (after the linger, when one is set). On a sender
     * thread (a {@link ChannelFanout} round has just queued a list of events) it writes at once: queueing the drain
     * for another thread would cost a hand-over per connection per round.
     */
    private void wake() {
        long linger = batching == null ? 0 : batching.lingerNanos(batchingConnections.getAsInt());
        if (linger < 1_000_000 && senders.onSenderThread()) {
            drain();
        } else {
            senders.run(this::drain, linger);
        }
    }

    /**
     * Writes frames until the queue runs dry or a write cannot finish at once (its completion, {@link #onResult},
     * resumes). Only one drain runs per connection: a new one is only asked for when the queue was idle, and the
     * completion resumes only after the loop let go.
     */
    private void drain() {
        try {
            ByteBuffer frame;
            while ((frame = nextFrame()) != null) {
                writeStarted = System.nanoTime();
                writeState.set(WRITING);
                write(frame);
                if (writeState.compareAndSet(WRITING, PENDING)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.debug("WebSocket {} send failed: {}", session.getId(), e.toString());
            close(CloseStatus.SERVER_ERROR);
        }
    }

    /**
     * The next frame to write: the rest of the current batch (a shared frame as it is, the messages between shared
     * frames assembled), else a new batch; null when nothing waits (the queue is idle).
     */
    private ByteBuffer nextFrame() {
        while (true) {
            ByteBuffer frame = assembler.next();
            if (frame != null) {
                return frame;
            }
            if (readyAt >= ready.size()) {
                ready.clear();
                readyAt = 0;
                if (!outbox.pollBatch(ready, batching == null ? 1 : batching.maxMessages())) {
                    return null;
                }
            }
            if (ready.get(readyAt) instanceof SharedFrame shared) {
                readyAt++;
                return ByteBuffer.wrap(shared.frame());
            }
            readyBytes.clear();
            while (readyAt < ready.size() && !(ready.get(readyAt) instanceof SharedFrame)) {
                readyBytes.add(utf8(ready.get(readyAt++)));
            }
            assembler.load(readyBytes);
        }
    }

    /**
     * Starts writing a text frame that is already UTF-8. Encoding each connection's frames was most of the server's work
     * in a fan-out (Tomcat encodes {@code String}s one character at a time: 37 % of a 1,000-subscriber profile),
     * while every event's bytes can be made once and shared; {@link PreEncodedText} hands them to Tomcat as they are.
     */
    private void write(ByteBuffer frame) {
        if (remote != null && InlineCompletions.write(() -> PreEncodedText.start(remote, frame.duplicate(), this))) {
            return;
        }
        try {   // not Tomcat: a blocking send on the sender thread (only ever seen in tests of other containers)
            session.sendMessage(new TextMessage(StandardCharsets.UTF_8.decode(frame).toString()));
            onResult(new SendResult((Session) null));
        } catch (IOException e) {
            onResult(new SendResult(null, e));
        }
    }

    /**
     * A frame was written (or failed): the drain goes on, in its own loop when it is still inside the write call (a
     * frame the socket took at once, see {@link InlineCompletions}), else right here, on the thread Tomcat reports a
     * later completion from: handing the drain back to a sender thread as well made two thread hand-overs per frame.
     */
    @Override
    public void onResult(SendResult result) {
        if (!result.isOK()) {
            log.debug("WebSocket {} send failed: {}", session.getId(), String.valueOf(result.getException()));
            close(CloseStatus.SERVER_ERROR);
        }
        if (!writeState.compareAndSet(WRITING, COMPLETED)) {
            writeState.set(IDLE);   // PENDING: the drain let go, and this completion resumes it
            drain();
        }
    }

    private byte[] utf8(Object message) {
        return message instanceof Frames.Frame f ? f.utf8() : message instanceof Response r ? r.take()
                : json.writeValueAsBytes(message);
    }

    /** A queued answer to a request, made into text when the sender takes it (once). */
    private final class Response {
        private final Map<String, Object> message;

        Response(Map<String, Object> message) {
            this.message = message;
        }

        byte[] take() {
            unsentResponses.decrementAndGet();
            return json.writeValueAsBytes(message);
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

        /** Events of one {@link ChannelFanout} round, in order. */
        synchronized void live(ChannelFanout.Round round) {
            if (closed) {
                return;
            }
            if (pending != null) {
                pending.addAll(round.events());
            } else if (batching != null && allNewAndReceivable(round.events())) {
                // Caught up, as almost every subscriber is: the round's frames are the same bytes for all of them.
                lastSeq = round.events().getLast().seq();
                offer(round.shared(events -> SharedFrame.of(events, frames, batching)));
            } else {
                forward(round.events());
            }
        }

        private boolean allNewAndReceivable(List<Event> events) {
            if (events.isEmpty() || events.getFirst().seq() <= lastSeq) {
                return false;
            }
            if (receivable == ChannelGuard.EVERY_EVENT) {
                return true;   // asked of every subscription in every round: a channel about one app needs no look at its events
            }
            for (int i = 0; i < events.size(); i++) {
                if (!receivable.test(events.get(i))) {
                    return false;
                }
            }
            return true;
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
            forward(replay);
            forward(pending);
            pending = null;
        }

        /** Queues the events not sent yet that this caller may see, together (the sender is woken once). */
        private void forward(List<Event> events) {
            List<Frames.Frame> out = new ArrayList<>(events.size());
            for (Event e : events) {
                if (e.seq() <= lastSeq) {
                    continue;   // already sent: a replay and a round can overlap
                }
                lastSeq = e.seq();
                if (receivable.test(e)) {   // else about an app this caller may not see
                    out.add(frames.of(e));
                }
            }
            offer(out);
        }

        private void offer(List<?> messages) {
            int dropped = messages.isEmpty() ? 0 : outbox.offerEvents(channel, messages);
            if (dropped > 0) {
                droppedCounter.increment(dropped);
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
