package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelFanoutTest {

    final InProcessEventBus bus = new InProcessEventBus(Clock.systemUTC(), 10_000);
    final SenderThreads senders = new SenderThreads(2);
    final ChannelFanout fanout = new ChannelFanout(bus, senders, 2);

    @AfterEach
    void stop() {
        senders.close();
    }

    /** Collects the seqs it is handed, and the size of each round. */
    static final class Seen {
        final List<Long> seqs = new CopyOnWriteArrayList<>();
        final List<Integer> rounds = new CopyOnWriteArrayList<>();

        void accept(ChannelFanout.Round round) {
            rounds.add(round.events().size());
            round.events().forEach(e -> seqs.add(e.seq()));
        }
    }

    @Test
    void everySubscriptionGetsEveryEventOnceInOrderInRoundsOffThePublishersThread() {
        List<Seen> all = List.of(new Seen(), new Seen(), new Seen());
        all.forEach(s -> fanout.subscribe("logs:shop/production", s::accept));
        for (int i = 0; i < 5_000; i++) {
            bus.publish("logs:shop/production", "log", Map.of("n", i));
        }
        List<Long> expected = LongStream.rangeClosed(1, 5_000).boxed().toList();
        for (Seen s : all) {
            await().atMost(Duration.ofSeconds(30)).until(() -> s.seqs.size() == 5_000);
            assertThat(s.seqs).containsExactlyElementsOf(expected);
        }
        // Publishing faster than the rounds run makes rounds of many events (one hand-over each), not 5,000 of one.
        assertThat(all.getFirst().rounds.size()).isLessThan(5_000);
    }

    @Test
    void aRoundsSharedValueIsMadeOnceForTheSubscriptionsOfItsLane() {
        List<Object> made = new CopyOnWriteArrayList<>();
        List<Object> got = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {   // two lanes of two subscriptions
            fanout.subscribe("apps", round -> got.add(round.shared(events -> {
                Object o = new Object();
                made.add(o);
                return o;
            })));
        }
        bus.publish("apps", "app-created", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> got.size() == 4);
        assertThat(made).hasSize(2);
        assertThat(got.stream().distinct().count()).isEqualTo(2);
    }

    @Test
    void theLastSubscriptionToLeaveClosesTheChannel() throws InterruptedException {
        Seen a = new Seen();
        Seen b = new Seen();
        EventBus.Subscription first = fanout.subscribe("apps", a::accept);
        EventBus.Subscription second = fanout.subscribe("apps", b::accept);
        first.close();
        assertThat(fanout.channelCount()).isEqualTo(1);
        bus.publish("apps", "app-created", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> b.seqs.size() == 1);
        second.close();
        assertThat(fanout.channelCount()).isZero();
        bus.publish("apps", "app-created", Map.of());
        Thread.sleep(200);   // nothing may arrive: there is no one left to hand it to
        assertThat(a.seqs).isEmpty();
        assertThat(b.seqs).containsExactly(1L);
    }

    @Test
    void aFailingSubscriptionDoesNotStopItsLane() {
        Seen after = new Seen();
        fanout.subscribe("apps", round -> {
            throw new IllegalStateException("broken");
        });
        fanout.subscribe("apps", round -> {
            throw new IllegalStateException("broken too");
        });
        fanout.subscribe("apps", after::accept);   // shares a lane with a broken one
        bus.publish("apps", "a", Map.of());
        bus.publish("apps", "b", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> after.seqs.size() == 2);
    }
}
