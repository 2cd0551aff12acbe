package dev.coderunner.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bounded queue between alerts and channels. A few virtual threads deliver; a failed try is retried after a
 * backoff that doubles up to {@code max-backoff}, at most {@code max-attempts} times. Every outcome is counted
 * ({@code coderunner.alerts.notifications{result=sent|retried|failed|dropped}}) and a channel's failures are kept
 * on the channel, so nothing is lost silently.
 */
@Component
class Deliveries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final int WORKERS = 4;

    private final ChannelStore channels;
    private final Channels secrets;
    private final Map<ChannelType, Notifier> notifiers = new EnumMap<>(ChannelType.class);
    private final AlertsProperties properties;
    private final Clock clock;
    private final DelayQueue<Job> queue = new DelayQueue<>();
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;
    private final Counter dropped;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    Deliveries(ChannelStore channels, Channels secrets, List<Notifier> notifiers, AlertsProperties properties, Clock clock,
            MeterRegistry meters) {
        this.channels = channels;
        this.secrets = secrets;
        notifiers.forEach(n -> this.notifiers.put(n.type(), n));
        this.properties = properties;
        this.clock = clock;
        this.sent = counter(meters, "sent", "Alert notifications a channel accepted");
        this.retried = counter(meters, "retried", "Alert notification tries that failed and will be retried");
        this.failed = counter(meters, "failed", "Alert notifications given up after their last try (or refused for good)");
        this.dropped = counter(meters, "dropped", "Alert notifications not queued because the delivery queue was full");
        Gauge.builder("coderunner.alerts.queue.size", queue, DelayQueue::size)
                .description("Alert notifications waiting for delivery (first tries and retries)").register(meters);
        Gauge.builder("coderunner.alerts.queue.capacity", properties, AlertsProperties::queueSize)
                .description("Most alert notifications the delivery queue holds (coderunner.alerts.queue-size); more are dropped")
                .register(meters);
    }

    private static Counter counter(MeterRegistry meters, String result, String description) {
        return Counter.builder("coderunner.alerts.notifications").tag("result", result).description(description).register(meters);
    }

    /** One notification for one channel, due at {@code dueNanos} ({@link System#nanoTime()}). */
    private record Job(String channelId, Notification notification, int attempt, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Job) other).dueNanos);
        }
    }

    /** Queues a notification for a channel whose type wants it; false (and counted) when the queue is full. */
    boolean enqueue(AlertChannel channel, Notification notification) {
        Notifier notifier = notifiers.get(channel.type());
        if (notifier == null || !notifier.wants(notification.event())) {
            return true;
        }
        return offer(new Job(channel.id(), notification, 1, System.nanoTime()));
    }

    private boolean offer(Job job) {
        synchronized (queue) {
            if (queue.size() >= properties.queueSize()) {
                dropped.increment();
                channels.failed(job.channelId(), "delivery queue full (" + properties.queueSize() + "): notification dropped", clock.instant());
                log.warn("Alert delivery queue is full; dropped a {} notification for channel {}", job.notification().event(), job.channelId());
                return false;
            }
            queue.add(job);
            return true;
        }
    }

    /** Sends a notification now and reports the outcome (channel tests); no retry. */
    Optional<String> sendNow(AlertChannel channel, Notification notification) {
        try {
            notifiers.get(channel.type()).send(channel, secrets.secrets(channel), notification);
            sent.increment();
            channels.sent(channel.id());
            return Optional.empty();
        } catch (DeliveryException e) {
            failed.increment();
            channels.failed(channel.id(), e.getMessage(), clock.instant());
            return Optional.of(e.getMessage());
        }
    }

    int pending() {
        return queue.size();
    }

    private void work() {
        while (running) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            deliver(job);
        }
    }

    private void deliver(Job job) {
        Optional<AlertChannel> found = channels.find(job.channelId());
        if (found.isEmpty()) {
            return;   // the channel was deleted meanwhile
        }
        AlertChannel channel = found.get();
        try {
            notifiers.get(channel.type()).send(channel, secrets.secrets(channel), job.notification());
            sent.increment();
            channels.sent(channel.id());
        } catch (DeliveryException e) {
            channels.failed(channel.id(), e.getMessage(), clock.instant());
            if (e.retryable() && job.attempt() < properties.maxAttempts() && running) {
                retried.increment();
                Duration wait = backoff(job.attempt());
                log.info("Alert notification to channel {} failed (try {}): {}; retrying in {}", channel.id(), job.attempt(), e.getMessage(), wait);
                offer(new Job(job.channelId(), job.notification(), job.attempt() + 1, System.nanoTime() + wait.toNanos()));
            } else {
                failed.increment();
                log.warn("Alert notification to channel {} given up after {} tries: {}", channel.id(), job.attempt(), e.getMessage());
            }
        } catch (RuntimeException e) {
            failed.increment();
            channels.failed(channel.id(), "internal error: " + e.getClass().getSimpleName(), clock.instant());
            log.error("Alert notification to channel {} failed unexpectedly", channel.id(), e);
        }
    }

    /** The wait before try {@code attempt + 1}: retry-backoff × 2^(attempt-1), at most max-backoff. */
    Duration backoff(int attempt) {
        Duration d = properties.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : d;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < WORKERS; i++) {
            workers.add(Thread.ofVirtual().name("alert-delivery-" + i).start(this::work));
        }
    }

    @Override
    public void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        workers.clear();
        if (!queue.isEmpty()) {
            log.warn("{} alert notifications were still waiting for delivery at shutdown", queue.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
