package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

class OutboxTest {

    final Outbox outbox = new Outbox(4, (channel, missed) -> "gap " + channel + " " + missed);

    List<Object> drain() throws InterruptedException {
        List<Object> out = new ArrayList<>();
        while (outbox.size() > 0) {
            out.add(outbox.take());
        }
        return out;
    }

    @Test
    void dropsWhenFullAndPutsOneGapInOrderOnceThereIsRoom() throws InterruptedException {
        for (int i = 1; i <= 6; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        assertThat(outbox.dropped()).isEqualTo(2);
        assertThat(drain()).containsExactly("a1", "a2", "a3", "a4");
        outbox.offerEvent("a", "a7");
        assertThat(drain()).containsExactly("gap a 2", "a7");
    }

    @Test
    void aLaggingChannelDoesNotHoldBackOthers() throws InterruptedException {
        for (int i = 1; i <= 5; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        outbox.take();
        outbox.take();
        outbox.take();
        outbox.offerEvent("b", "b1");
        outbox.offerEvent("a", "a6");   // "a" still lagging while the queue is above half: dropped
        assertThat(drain()).containsExactly("a4", "b1");
        // Nothing else comes for "a": the gap still goes out when the queue runs dry.
        assertThat(outbox.take()).isEqualTo("gap a 2");
    }

    @Test
    void controlMessagesUseTheReserve() {
        for (int i = 1; i <= 4; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        assertThat(outbox.offerControl("pong")).isTrue();
    }

    @Test
    void pollNeverWaitsAndHandsOutPendingGapsLast() {
        assertThat(outbox.poll()).isNull();
        for (int i = 1; i <= 5; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        assertThat(List.of(outbox.poll(), outbox.poll(), outbox.poll(), outbox.poll(), outbox.poll())).containsExactly("a1", "a2", "a3", "a4", "gap a 1");
        assertThat(outbox.poll()).isNull();
        outbox.offerEvent("a", "a6");
        outbox.close();
        assertThat(outbox.poll()).isNull();
    }

    List<Object> takeBatch(int max, long lingerNanos) throws InterruptedException {
        List<Object> batch = new ArrayList<>();
        assertThat(outbox.takeBatch(batch, max, lingerNanos)).isTrue();
        return batch;
    }

    CompletableFuture<List<Object>> takeBatchInBackground(int max, long lingerNanos) {
        CompletableFuture<List<Object>> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(takeBatch(max, lingerNanos));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Test
    void aBatchIsWhatIsReadyInOrderUpToTheMaximumWithPendingGapsLast() throws InterruptedException {
        for (int i = 1; i <= 6; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        assertThat(takeBatch(3, 0)).containsExactly("a1", "a2", "a3");
        assertThat(takeBatch(10, 0)).containsExactly("a4", "gap a 2");
        outbox.offerEvent("a", "a7");
        assertThat(takeBatch(10, 0)).containsExactly("a7");
    }

    @Test
    void aWaitingSenderIsWokenByTheFirstMessage() throws Exception {
        CompletableFuture<List<Object>> batch = takeBatchInBackground(10, 0);
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(5)).until(() -> !batch.isDone());
        outbox.offerEvent("a", "a1");
        assertThat(batch.get(30, TimeUnit.SECONDS)).containsExactly("a1");
    }

    @Test
    void lingeringEndsAsSoonAsAFullBatchIsReady() throws Exception {
        outbox.offerEvent("a", "a1");
        CompletableFuture<List<Object>> batch = takeBatchInBackground(3, TimeUnit.MINUTES.toNanos(10));
        outbox.offerEvent("a", "a2");
        outbox.offerEvent("a", "a3");
        assertThat(batch.get(30, TimeUnit.SECONDS)).containsExactly("a1", "a2", "a3");
    }

    @Test
    void lingeringWaitsForMoreUpToTheLinger() throws InterruptedException {
        outbox.offerEvent("a", "a1");
        long start = System.nanoTime();
        assertThat(takeBatch(3, TimeUnit.MILLISECONDS.toNanos(20))).containsExactly("a1");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(19));
    }

    @Test
    void closingEndsAWaitingOrLingeringSender() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return outbox.takeBatch(new ArrayList<>(), 10, TimeUnit.MINUTES.toNanos(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
        outbox.offerEvent("a", "a1");   // the sender now lingers for more
        outbox.close();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isFalse();
    }
}
