package dev.coderunner.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a channel's events to its WebSocket subscriptions on the {@link SenderThreads}, not on the publisher's
 * thread. The publisher only appends each event to the channel's lanes (one per sender thread); a lane's task then
 * gives everything that arrived since its last round to each of its subscriptions as one list. With 1,000 subscribers
 * on one log channel the publisher did a million queue offers a second on one thread, and the lane rounds turn them
 * into one offer per subscription per round, spread over every core.
 * <p>
 * A lane runs one round at a time, so each subscription gets its channel's events in order.
 */
final class ChannelFanout {

    private static final Logger log = LoggerFactory.getLogger(ChannelFanout.class);

    private final EventBus bus;
    private final SenderThreads senders;
    private final int laneCount;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    ChannelFanout(EventBus bus, SenderThreads senders, int laneCount) {
        this.bus = bus;
        this.senders = senders;
        this.laneCount = laneCount;
    }

    /**
     * What one lane round hands each of its subscriptions: the events, in order, and what the subscriptions make of
     * them once for all of them ({@link #shared}). The subscriptions of a lane are called one after another on one thread.
     */
    static final class Round {
        private final List<Event> events;
        private Object shared;

        Round(List<Event> events) {
            this.events = events;
        }

        List<Event> events() {
            return events;
        }

        /** The result of {@code make} for these events, made by the first subscription that asks. */
        @SuppressWarnings("unchecked")
        <T> T shared(Function<List<Event>, T> make) {
            if (shared == null) {
                shared = make.apply(events);
            }
            return (T) shared;
        }
    }

    /** Gives {@code listener} the events published on {@code channel} from now on, in rounds, in order; close the handle to stop. */
    synchronized EventBus.Subscription subscribe(String channel, Consumer<Round> listener) {
        Channel c = channels.computeIfAbsent(channel, Channel::new);
        Lane lane = c.emptiest();
        lane.listeners.add(listener);
        return () -> leave(channel, c, lane, listener);
    }

    private synchronized void leave(String channel, Channel c, Lane lane, Consumer<Round> listener) {
        if (lane.listeners.remove(listener) && c.isEmpty() && channels.remove(channel, c)) {
            c.busSubscription.close();
        }
    }

    /** Channels with at least one subscription (for tests and metrics). */
    int channelCount() {
        return channels.size();
    }

    private final class Channel {
        private final Lane[] lanes = new Lane[laneCount];
        private final EventBus.Subscription busSubscription;

        Channel(String name) {
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new Lane();
            }
            busSubscription = bus.subscribe(name, this::published);
        }

        /** On the publisher's thread: only appends. */
        private void published(Event e) {
            for (Lane lane : lanes) {
                if (!lane.listeners.isEmpty()) {
                    lane.append(e);
                }
            }
        }

        Lane emptiest() {
            Lane best = lanes[0];
            for (Lane lane : lanes) {
                if (lane.listeners.size() < best.listeners.size()) {
                    best = lane;
                }
            }
            return best;
        }

        boolean isEmpty() {
            for (Lane lane : lanes) {
                if (!lane.listeners.isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }

    private final class Lane implements Runnable {
        private final List<Consumer<Round>> listeners = new CopyOnWriteArrayList<>();
        private List<Event> pending = new ArrayList<>();
        private boolean scheduled;

        void append(Event e) {
            synchronized (this) {
                pending.add(e);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            senders.execute(this);
        }

        /** One round: everything that arrived since the last one, to every subscription of the lane. */
        @Override
        public void run() {
            List<Event> round;
            synchronized (this) {
                round = pending;
                pending = new ArrayList<>();
            }
            Round view = new Round(Collections.unmodifiableList(round));
            for (Consumer<Round> listener : listeners) {
                try {
                    listener.accept(view);
                } catch (RuntimeException e) {
                    log.warn("WebSocket subscription failed on an event: {}", e.toString());
                }
            }
            synchronized (this) {
                if (pending.isEmpty()) {
                    scheduled = false;
                    return;
                }
            }
            senders.execute(this);   // more came meanwhile: queue the next round behind the other lanes' work
        }
    }
}
