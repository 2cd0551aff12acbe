package dev.coderunner.events;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * The bounded outbound queue of one WebSocket connection (messages are serialized by the sender, not the publisher). Offering never blocks: when the queue is
 * full, events are dropped and counted per channel, and while a channel is behind all its events are
 * dropped, so that a single {@code gap} message (queued once there is room again) takes their place
 * in order. Control messages (responses, pongs) have a small reserve above the event capacity.
 * <p>
 * Offering wakes the sender only when it is waiting and what it waits for is there (a first message, or
 * a full batch while it lingers): with 1,000 connections a notification per offered event would be a
 * million monitor operations a second for nothing while the senders are busy sending.
 * <p>
 * A {@link ReentrantLock}, not {@code synchronized}: the senders are virtual threads, and on JDK 25.0.3 their
 * waits on this monitor wedged the virtual-thread scheduler: with a linger, in 5 of about 16 runs of a
 * 1,000-client fan-out, senders stayed runnable with messages queued but never ran again, and with them
 * every request of the control plane (Spring runs requests on virtual threads). Like JDK-8373120, fixed in
 * 25.0.4. With this lock: 7 of 7 runs clean (benchmarks/RESULTS.md, 2026-12-02).
 */
final class Outbox {

    private final int capacity;
    private final int controlReserve;
    private final BiFunction<String, Long, Object> gapMessage;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Map<String, Long> missed = new LinkedHashMap<>();
    private boolean closed;
    private long dropped;
    /** The queue size at which the waiting sender wants to be woken; 0 while it is not waiting. */
    private int wakeAt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();

    Outbox(int capacity, BiFunction<String, Long, Object> gapMessage) {
        this.capacity = capacity;
        this.controlReserve = Math.max(8, capacity / 4);
        this.gapMessage = gapMessage;
    }

    /** Queues an event of {@code channel}; false (and counted) when it had to be dropped. */
    boolean offerEvent(String channel, Object message) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            // Behind on this channel? (Asked for every event of every connection: the empty map answers at once.)
            boolean behind = !missed.isEmpty() && missed.containsKey(channel);
            if (behind && queue.size() < capacity / 2) {
                queue.addLast(gapMessage.apply(channel, missed.remove(channel)));
                behind = false;
            }
            if (behind || queue.size() >= capacity) {
                missed.merge(channel, 1L, Long::sum);
                dropped++;
                return false;
            }
            return enqueue(message);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a reply or protocol message; false when even the reserve is used up (the client is not reading). */
    boolean offerControl(Object message) {
        lock.lock();
        try {
            if (closed || queue.size() >= capacity + controlReserve) {
                return false;
            }
            return enqueue(message);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a message that was let in, waking the sender if it waits for it (the lock is held). */
    private boolean enqueue(Object message) {
        queue.addLast(message);
        wakeSender();
        return true;
    }

    private void wakeSender() {
        if (wakeAt > 0 && queue.size() >= wakeAt) {
            wakeAt = 0;
            ready.signalAll();
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

    /** The next message to send, waiting for one; null once closed. Pending gaps go out when the queue ran dry. */
    Object take() throws InterruptedException {
        lock.lock();
        try {
            awaitFirst();
            return poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits like {@link #take()} for a first message, then, if {@code lingerNanos} is at least a millisecond,
     * up to that long for more (or until {@code max} are queued), and moves up to {@code max} ready messages
     * (pending gaps last, as {@link #poll()} hands them out) to {@code batch}. False once closed.
     */
    boolean takeBatch(List<Object> batch, int max, long lingerNanos) throws InterruptedException {
        lock.lock();
        try {
            awaitFirst();
            // A linger under a millisecond is not worth a timed wake-up.
            long deadline = System.nanoTime() + lingerNanos;
            long left = lingerNanos;
            try {
                while (!closed && left >= 1_000_000 && queue.size() < max) {
                    wakeAt = max;
                    ready.awaitNanos(left);
                    left = deadline - System.nanoTime();
                }
            } finally {
                wakeAt = 0;
            }
            Object m;
            while (batch.size() < max && (m = poll()) != null) {
                batch.add(m);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private void awaitFirst() throws InterruptedException {
        try {
            while (!closed && queue.isEmpty() && missed.isEmpty()) {
                wakeAt = 1;
                ready.await();
            }
        } finally {
            wakeAt = 0;
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
            return queue.removeFirst();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            ready.signalAll();
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
            return queue.size();
        } finally {
            lock.unlock();
        }
    }
}
