package dev.coderunner.events;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * The bounded outbound queue of one WebSocket connection (messages are serialized by the sender, not the publisher). Offering never blocks: when the queue is
 * full, events are dropped and counted per channel, and while a channel is behind all its events are
 * dropped, so that a single {@code gap} message (queued once there is room again) takes their place
 * in order. Control messages (responses, pongs) have a small reserve above the event capacity.
 * <p>
 * No thread waits on it: the first message offered while the connection is idle calls {@code wake} (once, after the
 * lock is released), and the sender then takes batches until {@link #pollBatch} finds nothing and the connection is
 * idle again. With 1,000 connections a wake-up per offered event would be a million a second for nothing while the
 * senders are busy sending.
 */
final class Outbox {

    /** A queued message that stands for several events (a frame shared by many connections): dropped, it counts as them all. */
    interface Counted {
        int events();
    }

    private final int capacity;
    private final int controlReserve;
    private final BiFunction<String, Long, Object> gapMessage;
    private final Runnable wake;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** The events (and other messages) in {@link #queue}: a shared frame counts as the events it carries. */
    private int queued;
    private final Map<String, Long> missed = new LinkedHashMap<>();
    private boolean closed;
    private long dropped;
    /** True while no sender has been woken for what is queued. */
    private boolean idle = true;
    private final ReentrantLock lock = new ReentrantLock();

    Outbox(int capacity, BiFunction<String, Long, Object> gapMessage, Runnable wake) {
        this.capacity = capacity;
        this.controlReserve = Math.max(8, capacity / 4);
        this.gapMessage = gapMessage;
        this.wake = wake;
    }

    /** Queues an event of {@code channel}; false (and counted) when it had to be dropped. */
    boolean offerEvent(String channel, Object message) {
        return offerEvents(channel, List.of(message)) == 0;
    }

    /** Queues events of {@code channel} in order, waking the sender at most once; returns how many events had to be dropped. */
    int offerEvents(String channel, List<?> messages) {
        boolean woke = false;
        int droppedNow = 0;
        lock.lock();
        try {
            if (closed) {
                return messages.stream().mapToInt(Outbox::weight).sum();
            }
            for (Object message : messages) {
                int events = weight(message);
                if (admit(channel, events)) {
                    woke |= enqueue(message);
                } else {
                    droppedNow += events;
                }
            }
        } finally {
            lock.unlock();
        }
        wakeIf(woke);
        return droppedNow;
    }

    /** Whether a message of {@code events} events of {@code channel} may be queued now; if not they are counted as missed (the lock is held). */
    private boolean admit(String channel, int events) {
        // Behind on this channel? (Asked for every event of every connection: the empty map answers at once.)
        boolean behind = !missed.isEmpty() && missed.containsKey(channel);
        if (behind && queued < capacity / 2) {
            queue.addLast(gapMessage.apply(channel, missed.remove(channel)));
            queued++;
            behind = false;
        }
        // Counted in events, so that a stalled client holds at most the capacity in events, shared frames or not.
        if (behind || (queued > 0 && queued + events > capacity)) {
            missed.merge(channel, (long) events, Long::sum);
            dropped += events;
            return false;
        }
        return true;
    }

    /** Queues a reply or protocol message; false when even the reserve is used up (the client is not reading). */
    boolean offerControl(Object message) {
        boolean woke;
        lock.lock();
        try {
            if (closed || queued >= capacity + controlReserve) {
                return false;
            }
            woke = enqueue(message);
        } finally {
            lock.unlock();
        }
        wakeIf(woke);
        return true;
    }

    /** Queues a message that was let in (the lock is held); true when the sender must be woken for it. */
    private boolean enqueue(Object message) {
        queue.addLast(message);
        queued += weight(message);
        boolean woke = idle;
        idle = false;
        return woke;
    }

    private static int weight(Object message) {
        return message instanceof Counted c ? c.events() : 1;
    }

    private void wakeIf(boolean woke) {
        if (woke) {
            wake.run();
        }
    }

    /** Forgets a channel's pending gap (after unsubscribe). */
    void forget(String channel) {
        lock.lock();
        try {
            missed.remove(channel);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} ready messages (pending gaps last, as {@link #poll()} hands them out) to {@code batch};
     * false, and the connection idle, when there was none (the next offer wakes a sender again), or once closed.
     */
    boolean pollBatch(List<Object> batch, int max) {
        lock.lock();
        try {
            Object m;
            while (batch.size() < max && (m = poll()) != null) {
                batch.add(m);
            }
            if (batch.isEmpty()) {
                idle = true;
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next message if one is ready (pending gaps count once the queue ran dry), else null; never waits. */
    Object poll() {
        lock.lock();
        try {
            if (closed || (queue.isEmpty() && missed.isEmpty())) {
                return null;
            }
            if (queue.isEmpty()) {
                Iterator<Map.Entry<String, Long>> it = missed.entrySet().iterator();
                Map.Entry<String, Long> first = it.next();
                it.remove();
                return gapMessage.apply(first.getKey(), first.getValue());
            }
            Object m = queue.removeFirst();
            queued -= weight(m);
            return m;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queued = 0;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }
}
