package dev.coderunner.events;

import java.time.Duration;
import java.util.List;

/**
 * How a connection opened with {@code ?batch=1} packs its messages (docs/realtime.md, decision 0011): the
 * messages ready together go out as one JSON array per text frame, at most {@code maxMessages} and about
 * {@code maxBytes} bytes of UTF-8 each (a single larger message goes alone, as itself). Before taking a batch
 * the sender may linger {@code lingerPerConnection} × open batching connections, at most {@code maxLinger},
 * for more messages (off by default: measured, it did not help on a saturated machine, see decision 0011).
 */
record Batching(int maxMessages, int maxBytes, Duration lingerPerConnection, Duration maxLinger) {

    Batching {
        if (maxMessages < 1 || maxBytes < 1 || lingerPerConnection.isNegative() || maxLinger.isNegative()) {
            throw new IllegalArgumentException("batching needs maxMessages and maxBytes ≥ 1 and lingers ≥ 0, not "
                    + maxMessages + ", " + maxBytes + ", " + lingerPerConnection + ", " + maxLinger);
        }
    }

    /** How long a sender waits for more messages after the first, with {@code connections} batching connections open. */
    long lingerNanos(int connections) {
        return Math.min(maxLinger.toNanos(), lingerPerConnection.toNanos() * Math.max(0, connections));
    }

    /**
     * Where the frame that starts with {@code messages.get(from)} ends (exclusive): messages are added while the
     * array {@code [m1,m2,…]} stays within {@code maxMessages} and {@code maxBytes}; a lone message may be larger
     * and goes as itself.
     */
    int frameEnd(List<byte[]> messages, int from) {
        int to = from + 1;
        long bytes = messages.get(from).length + 2;
        while (to < messages.size() && to - from < maxMessages && bytes + messages.get(to).length + 1 <= maxBytes) {
            bytes += messages.get(to).length + 1;
            to++;
        }
        return to;
    }
}
