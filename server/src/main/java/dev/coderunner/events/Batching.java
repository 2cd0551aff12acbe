package dev.coderunner.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a connection opened with {@code ?batch=1} packs its messages (docs/realtime.md, decision 0011): the
 * messages ready together go out as one JSON array per text frame, at most {@code maxMessages} and about
 * {@code maxChars} characters each (a single larger message goes alone, as itself). Before taking a batch
 * the sender may linger {@code lingerPerConnection} × open batching connections, at most {@code maxLinger},
 * for more messages (off by default: measured, it did not help on a saturated machine, see decision 0011).
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
        int from = 0;
        while (from < texts.size()) {
            int to = from + 1;
            long chars = texts.get(from).length() + 2;
            while (to < texts.size() && chars + texts.get(to).length() + 1 <= maxChars) {
                chars += texts.get(to).length() + 1;
                to++;
            }
            frames.add(to - from == 1 ? texts.get(from) : array(texts.subList(from, to), (int) chars));
            from = to;
        }
        return frames;
    }

    /** One copy of each text into the frame (a frame goes to one connection; the texts are shared). */
    private static String array(List<String> texts, int chars) {
        StringBuilder frame = new StringBuilder(chars).append('[');
        for (String t : texts) {
            frame.append(frame.length() == 1 ? "" : ",").append(t);
        }
        return frame.append(']').toString();
    }
}
