package dev.coderunner.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows one output file of an instance ({@code <uid>.stdout} or {@code .stderr}) from a byte offset,
 * cutting it into lines. Only complete lines are passed on (a line without its newline waits for the
 * group timeout), and each carries the offset just past it, which is what makes resuming exact.
 */
final class OutputTailer {

    /** A line and the offset just past it (after its newline). */
    record Line(String text, long end) {
    }

    /** What one look at the file found. */
    record Read(int lines, long skippedLines, boolean truncated, long resumedAt) {
        static final Read NOTHING = new Read(0, 0, false, 0);
    }

    private static final int CHUNK = 256 * 1024;

    final Path file;
    final String source;
    private final int maxLine;
    private final long maxLag;
    private final ByteBuffer buffer;
    private FileChannel channel;
    private long position;
    private long partialSince = -1;

    OutputTailer(Path file, String source, long from, int maxLine, long maxLag) {
        this.file = file;
        this.source = source;
        this.position = from;
        this.maxLine = maxLine;
        this.maxLag = maxLag;
        this.buffer = ByteBuffer.allocate(Math.max(CHUNK, maxLine + 1));
    }

    /**
     * Reads what was appended since the last look (up to a chunk) and passes each complete line on.
     * A tail without newline is passed on as a line once it has waited {@code partialTimeoutMicros}.
     */
    Read poll(long nowMicros, long partialTimeoutMicros, Consumer<Line> out) throws IOException {
        if (!open()) {
            return Read.NOTHING;
        }
        long size = channel.size();
        boolean truncated = false;
        if (size < position) {
            position = 0;   // the file was replaced or cut: start over rather than read garbage
            truncated = true;
        }
        long skipped = 0;
        if (size - position > maxLag) {
            long target = size - CHUNK;
            skipped = countLines(position, target);
            position = target;
            skipped += skipToNextLine();
        }
        long resumedAt = position;
        if (size == position) {
            return new Read(0, skipped, truncated, resumedAt);
        }
        buffer.clear();
        int n = channel.read(buffer, position);
        if (n <= 0) {
            return new Read(0, skipped, truncated, resumedAt);
        }
        byte[] bytes = buffer.array();
        int start = 0;
        int lines = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                emit(bytes, start, i, position + i + 1, out);
                start = i + 1;
                lines++;
            }
        }
        int rest = n - start;
        boolean moreToRead = position + n < size;
        // A tail without newline is passed on only when it is too long, or when nothing else was read
        // for the partial timeout (an app that wrote half a line and paused); never in the middle of a catch-up.
        if (rest > 0 && (rest >= maxLine || !moreToRead && start == 0 && partialTimedOut(nowMicros, partialTimeoutMicros))) {
            emit(bytes, start, n, position + n, out);
            start = n;
            lines++;
        }
        position += start;
        if (start == n) {
            partialSince = -1;
        } else if (start > 0 || moreToRead || partialSince < 0) {
            partialSince = nowMicros;
        }
        return new Read(lines, skipped, truncated, resumedAt);
    }

    private boolean partialTimedOut(long nowMicros, long timeoutMicros) {
        return partialSince >= 0 && nowMicros - partialSince >= timeoutMicros;
    }

    private void emit(byte[] bytes, int from, int to, long end, Consumer<Line> out) {
        int len = to - from;
        if (len > 0 && bytes[from + len - 1] == '\r') {
            len--;
        }
        String text = new String(bytes, from, Math.min(len, maxLine), StandardCharsets.UTF_8);
        out.accept(new Line(len > maxLine ? text + " …[cut]" : text, end));
    }

    private long countLines(long from, long to) throws IOException {
        long count = 0;
        ByteBuffer b = ByteBuffer.allocate(CHUNK);
        for (long at = from; at < to; ) {
            b.clear();
            b.limit((int) Math.min(CHUNK, to - at));
            int n = channel.read(b, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) == '\n') {
                    count++;
                }
            }
            at += n;
        }
        return count;
    }

    /** After a skip, drops the rest of the line cut in the middle (counted as one more skipped line). */
    private long skipToNextLine() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(maxLine + 1);
        int n = channel.read(b, position);
        for (int i = 0; i < n; i++) {
            if (b.get(i) == '\n') {
                position += i + 1;
                return 1;
            }
        }
        return 0;
    }

    long position() {
        return position;
    }

    private boolean open() throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return false;
            }
        }
        return true;
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only handle: nothing to lose
            }
            channel = null;
        }
    }
}
