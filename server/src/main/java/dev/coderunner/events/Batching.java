package dev.coderunner.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a connection opened with {@code ?batch=1} packs its messages (docs/realtime.md, decision 0011): the
 * messages ready together go out as one JSON array per text frame, at most {@code maxMessages} and about
 * {@code maxChars} characters each (a single larger message goes alone, as itself). Before taking a batch
 * the sender lingers {@code lingerPerConnection} × open batching connections, at most {@code maxLinger}:
 * one client is never held back, while 1,000 clients send few large frames instead of a million small ones.
 */
record Batching(int maxMessages, int maxChars, Duration lingerPerConnection, Duration maxLinger) {

    Batching {
        if (maxMessages < 1 || maxChars < 1 || lingerPerConnection.isNegative() || maxLinger.isNegative()) {
            throw new IllegalArgumentException("batching needs maxMessages and maxChars ≥ 1 and lingers ≥ 0, not "
                    + maxMessages + ", " + maxChars + ", " + lingerPerConnection + ", " + maxLinger);
        }
    }

    /** How long a sender waits for more messages after the first, with {@code connections} batching connections open. */
    long lingerNanos(int connections) {
        return Math.min(maxLinger.toNanos(), lingerPerConnection.toNanos() * Math.max(0, connections));
    }

    /**
     * The text frames for {@code texts} (each one message's JSON): a lone message as itself, several as an
     * array {@code [m1,m2,…]}, in order, a new frame started before one would grow beyond {@code maxChars}.
     */
    List<String> frames(List<String> texts) {
        List<String> frames = new ArrayList<>(1);
        StringBuilder frame = new StringBuilder();
        int count = 0;
        for (String t : texts) {
            if (count > 0 && frame.length() + t.length() + 2 > maxChars) {
                frames.add(close(frame, count));
                frame.setLength(0);
                count = 0;
            }
            frame.append(count == 0 ? "" : ",").append(t);
            count++;
        }
        if (count > 0) {
            frames.add(close(frame, count));
        }
        return frames;
    }

    private static String close(StringBuilder items, int count) {
        return count == 1 ? items.toString() : "[" + items + "]";
    }
}
