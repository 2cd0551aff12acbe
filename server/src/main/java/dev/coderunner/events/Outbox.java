package dev.coderunner.events;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The bounded outbound queue of one WebSocket connection (messages are serialized by the sender, not the publisher). Offering never blocks: when the queue is
 * full, events are dropped and counted per channel, and while a channel is behind all its events are
 * dropped, so that a single {@code gap} message (queued once there is room again) takes their place
 * in order. Control messages (responses, pongs) have a small reserve above the event capacity.
 */
final class Outbox {

    private final int capacity;
    private final int controlReserve;
    private final BiFunction<String, Long, Object> gapMessage;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Map<String, Long> missed = new LinkedHashMap<>();
    private boolean closed;
    private long dropped;

    Outbox(int capacity, BiFunction<String, Long, Object> gapMessage) {
        this.capacity = capacity;
        this.controlReserve = Math.max(8, capacity / 4);
        this.gapMessage = gapMessage;
    }

    /** Queues an event of {@code channel}; false (and counted) when it had to be dropped. */
    synchronized boolean offerEvent(String channel, Object message) {
        if (closed) {
            return false;
        }
        if (missed.containsKey(channel) && queue.size() < capacity / 2) {
            queue.addLast(gapMessage.apply(channel, missed.remove(channel)));
        }
        if (missed.containsKey(channel) || queue.size() >= capacity) {
            missed.merge(channel, 1L, Long::sum);
            dropped++;
            return false;
        }
        queue.addLast(message);
        notifyAll();
        return true;
    }

    /** Queues a reply or protocol message; false when even the reserve is used up (the client is not reading). */
    synchronized boolean offerControl(Object message) {
        if (closed || queue.size() >= capacity + controlReserve) {
            return false;
        }
        queue.addLast(message);
        notifyAll();
        return true;
    }

    /** Forgets a channel's pending gap (after unsubscribe). */
    synchronized void forget(String channel) {
        missed.remove(channel);
    }

    /** The next message to send, waiting for one; null once closed. Pending gaps go out when the queue ran dry. */
    synchronized Object take() throws InterruptedException {
        while (!closed && queue.isEmpty() && missed.isEmpty()) {
            wait();
        }
        return poll();
    }

    /** The next message if one is ready (pending gaps count once the queue ran dry), else null; never waits. */
    synchronized Object poll() {
        if (closed || (queue.isEmpty() && missed.isEmpty())) {
            return null;
        }
        if (queue.isEmpty()) {
            Iterator<Map.Entry<String, Long>> it = missed.entrySet().iterator();
            Map.Entry<String, Long> first = it.next();
            it.remove();
            return gapMessage.apply(first.getKey(), first.getValue());
        }
        return queue.removeFirst();
    }

    synchronized void close() {
        closed = true;
        queue.clear();
        notifyAll();
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized int size() {
        return queue.size();
    }
}
