package dev.coderunner.events;

import java.time.Duration;
import java.util.ArrayList;
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
     * The text frames for {@code messages} (each one message's JSON in UTF-8): a lone message as itself, several
     * as an array {@code [m1,m2,…]}, in order, a new frame started before one would grow beyond {@code maxBytes}.
     */
    List<byte[]> frames(List<byte[]> messages) {
        List<byte[]> frames = new ArrayList<>(1);
        int from = 0;
        while (from < messages.size()) {
            int to = from + 1;
            long bytes = messages.get(from).length + 2;
            while (to < messages.size() && bytes + messages.get(to).length + 1 <= maxBytes) {
                bytes += messages.get(to).length + 1;
                to++;
            }
            frames.add(to - from == 1 ? messages.get(from) : array(messages.subList(from, to), (int) bytes));
            from = to;
        }
        return frames;
    }

    /** One copy of each message into the frame (a frame goes to one connection; the messages are shared). */
    private static byte[] array(List<byte[]> messages, int bytes) {
        byte[] frame = new byte[bytes];
        frame[0] = '[';
        int at = 1;
        for (byte[] m : messages) {
            if (at > 1) {
                frame[at++] = ',';
            }
            System.arraycopy(m, 0, frame, at, m.length);
            at += m.length;
        }
        frame[at] = ']';
        return frame;
    }
}
