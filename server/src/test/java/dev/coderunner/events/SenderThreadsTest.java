package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SenderThreadsTest {

    @Test
    void aDrainRunsOnASenderThreadAtOnceOrAfterItsLinger() throws Exception {
        try (SenderThreads senders = new SenderThreads(2)) {
            CompletableFuture<String> now = new CompletableFuture<>();
            senders.run(() -> now.complete(Thread.currentThread().getName()), 999_999);   // under a millisecond: no linger
            assertThat(now.get(30, TimeUnit.SECONDS)).startsWith("ws-send-");

            CompletableFuture<Long> lingered = new CompletableFuture<>();
            long start = System.nanoTime();
            senders.run(() -> lingered.complete(System.nanoTime() - start), TimeUnit.MILLISECONDS.toNanos(20));
            assertThat(lingered.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void aPeriodicCheckRunsOnTheTimerAgainAndAgainEvenAfterItThrew() throws Exception {
        try (SenderThreads senders = new SenderThreads(1)) {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch three = new CountDownLatch(3);
            senders.every(Duration.ofMillis(10), () -> {
                three.countDown();
                if (runs.incrementAndGet() == 1) {
                    throw new IllegalStateException("a bug in one run");
                }
            });
            assertThat(three.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void afterCloseNothingRunsAndNothingThrows() {
        SenderThreads senders = new SenderThreads(1);
        senders.close();
        senders.run(() -> {
            throw new AssertionError("ran after close");
        }, 0);
    }

    @Test
    void atLeastOneThread() {
        assertThatThrownBy(() -> new SenderThreads(0)).hasMessageContaining("at least 1, not 0");
    }
}
