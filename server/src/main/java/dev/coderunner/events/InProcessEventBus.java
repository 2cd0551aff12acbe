package dev.coderunner.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The single-replica bus: per-channel ring buffers and synchronous fan-out to listeners. */
@Component
class InProcessEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

    private final Clock clock;
    private final int bufferSize;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    InProcessEventBus(Clock clock, @Value("${coderunner.events.buffer-size:1000}") int bufferSize) {
        this.clock = clock;
        this.bufferSize = bufferSize;
    }

    private record Listener(String pattern, Consumer<Event> consumer) {
        boolean matches(String channel) {
            // Called for every event: compares in place rather than cutting the '*' off each time.
            int prefix = pattern.length() - 1;
            return pattern.endsWith("*") ? channel.regionMatches(0, pattern, 0, prefix) : pattern.equals(channel);
        }
    }

    private final class Channel {
        private final Deque<Event> recent = new ArrayDeque<>();
        private long seq;

        synchronized Event append(String name, String type, Object data) {
            Event event = new Event(name, ++seq, type, clock.instant(), data);
            recent.addLast(event);
            if (recent.size() > bufferSize) {
                recent.removeFirst();
            }
            return event;
        }

        synchronized Event appendAt(String name, long at, String type, Object data) {
            if (at <= seq) {
                return null;
            }
            seq = at - 1;
            return append(name, type, data);
        }

        synchronized List<Event> since(long afterSeq) {
            List<Event> out = new ArrayList<>();
            for (Event e : recent) {
                if (e.seq() > afterSeq) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    @Override
    public Event publish(String channel, String type, Object data) {
        Channel c = channels.computeIfAbsent(channel, k -> new Channel());
        Event event;
        // Appending and delivering under the channel lock keeps delivery in seq order per channel.
        synchronized (c) {
            event = c.append(channel, type, data);
            deliver(channel, event);
        }
        return event;
    }

    @Override
    public Event publishAt(String channel, long seq, String type, Object data) {
        Channel c = channels.computeIfAbsent(channel, k -> new Channel());
        synchronized (c) {
            Event event = c.appendAt(channel, seq, type, data);
            if (event != null) {
                deliver(channel, event);
            }
            return event;
        }
    }

    private void deliver(String channel, Event event) {
        for (Listener l : listeners) {
            if (l.matches(channel)) {
                try {
                    l.consumer().accept(event);
                } catch (RuntimeException e) {
                    log.warn("Event listener failed on {}: {}", channel, e.toString());
                }
            }
        }
    }

    @Override
    public List<Event> since(String channel, long afterSeq) {
        Channel c = channels.get(channel);
        return c == null ? List.of() : c.since(afterSeq);
    }

    @Override
    public long lastSeq(String channel) {
        Channel c = channels.get(channel);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            return c.seq;
        }
    }

    @Override
    public Subscription subscribe(String channelPattern, Consumer<Event> listener) {
        Listener l = new Listener(channelPattern, listener);
        listeners.add(l);
        return () -> listeners.remove(l);
    }
}
