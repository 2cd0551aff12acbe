package dev.coderunner.events;

import java.util.List;
import java.util.function.Consumer;

/**
 * The in-process bus every state change goes through. Each channel keeps a bounded buffer of recent
 * events so that late joiners and reconnecting clients can catch up by {@code seq}.
 */
public interface EventBus {

    /** Publishes {@code data} on {@code channel} and returns the event with its sequence number. */
    Event publish(String channel, String type, Object data);

    /**
     * Publishes with a sequence number chosen by a durable source (the log store's cursor), so that
     * resuming by {@code seq} also works across control-plane restarts. A {@code seq} not above the
     * channel's last one is ignored (null is returned).
     */
    Event publishAt(String channel, long seq, String type, Object data);

    /** Events on {@code channel} with {@code seq > afterSeq} still in the buffer, oldest first. */
    List<Event> since(String channel, long afterSeq);

    /** The newest sequence number on {@code channel}, 0 when nothing was published yet. */
    long lastSeq(String channel);

    /**
     * Calls {@code listener} for every event published on a channel matching {@code channelPattern}
     * (an exact name, or a prefix ending in {@code *}). Listeners must not block; close the handle to stop.
     */
    Subscription subscribe(String channelPattern, Consumer<Event> listener);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
