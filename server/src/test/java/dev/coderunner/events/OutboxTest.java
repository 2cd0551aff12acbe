package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutboxTest {

    int wakes;
    final Outbox outbox = new Outbox(4, (channel, missed) -> "gap " + channel + " " + missed, () -> wakes++);

    List<Object> drain() {
        List<Object> out = new ArrayList<>();
        while (outbox.size() > 0) {
            out.add(outbox.poll());
        }
        return out;
    }

    @Test
    void dropsWhenFullAndPutsOneGapInOrderOnceThereIsRoom() {
        for (int i = 1; i <= 6; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        assertThat(outbox.dropped()).isEqualTo(2);
        assertThat(drain()).containsExactly("a1", "a2", "a3", "a4");
        outbox.offerEvent("a", "a7");
        assertThat(drain()).containsExactly("gap a 2", "a7");
    }

    @Test
    void aLaggingChannelDoesNotHoldBackOthers() {
        for (int i = 1; i <= 5; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        outbox.poll();
        outbox.poll();
        outbox.poll();
        outbox.offerEvent("b", "b1");
        outbox.offerEvent("a", "a6");   // "a" still lagging while the queue is above half: dropped
        assertThat(drain()).containsExactly("a4", "b1");
        // Nothing else comes for "a": the gap still goes out when the queue runs dry.
        assertThat(outbox.poll()).isEqualTo("gap a 2");
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

    List<Object> pollBatch(int max) {
        List<Object> batch = new ArrayList<>();
        assertThat(outbox.pollBatch(batch, max)).isTrue();
        return batch;
    }

    @Test
    void aBatchIsWhatIsReadyInOrderUpToTheMaximumWithPendingGapsLast() {
        for (int i = 1; i <= 6; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        assertThat(pollBatch(3)).containsExactly("a1", "a2", "a3");
        assertThat(pollBatch(10)).containsExactly("a4", "gap a 2");
        outbox.offerEvent("a", "a7");
        assertThat(pollBatch(10)).containsExactly("a7");
    }

    @Test
    void theSenderIsWokenOnceWhenAnIdleQueueGetsMessagesAndAgainOnlyAfterItRanDry() {
        outbox.offerEvent("a", "a1");
        outbox.offerControl("pong");
        outbox.offerEvent("a", "a2");
        assertThat(wakes).isEqualTo(1);
        assertThat(pollBatch(2)).containsExactly("a1", "pong");
        outbox.offerEvent("a", "a3");
        assertThat(wakes).as("not idle until a poll finds nothing").isEqualTo(1);
        assertThat(pollBatch(10)).containsExactly("a2", "a3");
        assertThat(outbox.pollBatch(new ArrayList<>(), 10)).isFalse();
        outbox.offerEvent("a", "a4");
        assertThat(wakes).isEqualTo(2);
    }

    @Test
    void droppedEventsWakeNobodyAndAClosedQueueHasNothingToSend() {
        for (int i = 1; i <= 6; i++) {
            outbox.offerEvent("a", "a" + i);
        }
        assertThat(wakes).isEqualTo(1);
        outbox.close();
        assertThat(outbox.pollBatch(new ArrayList<>(), 10)).isFalse();
        assertThat(outbox.offerEvent("a", "a7")).isFalse();
        assertThat(outbox.offerControl("pong")).isFalse();
        assertThat(wakes).isEqualTo(1);
    }

    record Shared(int events) implements Outbox.Counted {
    }

    @Test
    void aSharedFrameCountsAsItsEventsForTheCapacityAndTheGap() {
        outbox.offerEvent("a", "a1");
        outbox.offerEvent("a", "a2");
        Shared three = new Shared(3);
        assertThat(outbox.offerEvents("a", List.of(three))).as("2 queued + 3 > 4").isEqualTo(3);
        assertThat(outbox.size()).isEqualTo(2);
        assertThat(drain()).containsExactly("a1", "a2");
        assertThat(outbox.offerEvents("a", List.of(three))).isZero();
        assertThat(outbox.size()).isEqualTo(4);   // the gap of 3, then the frame of 3
        assertThat(drain()).containsExactly("gap a 3", three);
        assertThat(outbox.dropped()).isEqualTo(3);
    }
}
