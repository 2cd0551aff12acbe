package dev.coderunner.events;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few platform threads that write every WebSocket connection's frames. Writes do not block (a frame that does not
 * fit in the socket finishes later, from Tomcat's poller), so a slow client holds no thread, and a busy thread moves
 * from connection to connection without being parked and woken for each: with 1,000 subscribers a virtual thread per
 * connection cost about 35,000 wake-ups a second, a third of the server's CPU in the fan-out benchmark.
 */
final class SenderThreads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SenderThreads.class);

    private final ExecutorService senders;
    /** Holds lingering connections back (when a linger is configured) and runs the periodic checks. */
    private final ScheduledExecutorService timer;

    SenderThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("WebSocket sender threads must be at least 1, not " + threads);
        }
        AtomicInteger made = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(threads, task -> new SenderThread(task, "ws-send-" + made.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ws-timer").factory());
    }

    /** Runs {@code task} on a sender thread now, or after {@code delayNanos} when that is at least a millisecond. */
    void run(Runnable task, long delayNanos) {
        if (delayNanos < 1_000_000) {
            execute(task);
        } else {
            try {
                timer.schedule(() -> execute(task), delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Closed: the control plane is stopping and its connections with it.
            }
        }
    }

    /** Runs {@code check} on the timer thread every {@code period}; it must be short, and what it throws is logged. */
    void every(Duration period, Runnable check) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                check.run();
            } catch (RuntimeException e) {   // a periodic task that throws is never run again
                log.warn("WebSocket check failed: {}", e.toString());
            }
        }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Queues {@code task} for a sender thread. */
    void execute(Runnable task) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: the control plane is stopping and its connections with it.
        }
    }

    /** Whether the caller is one of the sender threads (which may then write at once instead of queueing the work). */
    boolean onSenderThread() {
        return Thread.currentThread() instanceof SenderThread;   // cheaper than a ThreadLocal, asked per connection per round
    }

    private static final class SenderThread extends Thread {
        SenderThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
    }
}
