package dev.coderunner.events;

import java.util.ArrayList;
import java.util.List;

/**
 * One text frame of a fan-out round, made once and written as the same bytes to every batching connection that is
 * caught up on the channel (decision 0011): a lone event as itself, several as one array. Assembling each connection's
 * array itself was a quarter of the server's CPU in the 1,000-subscriber fan-out.
 */
record SharedFrame(byte[] frame, int events) implements Outbox.Counted {

    /** The frames of {@code events} in order, each within the batching limits. */
    static List<SharedFrame> of(List<Event> events, Frames frames, Batching batching) {
        List<byte[]> messages = new ArrayList<>(events.size());
        for (Event e : events) {
            messages.add(frames.of(e).utf8());
        }
        List<SharedFrame> out = new ArrayList<>(1);
        for (int from = 0; from < messages.size(); ) {
            int to = batching.frameEnd(messages, from);
            byte[] frame = to - from == 1 ? messages.get(from) : FrameAssembler.arrayOf(messages.subList(from, to));
            out.add(new SharedFrame(frame, to - from));
            from = to;
        }
        return out;
    }
}
