package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

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
}
