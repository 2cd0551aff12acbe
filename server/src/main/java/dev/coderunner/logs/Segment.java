package dev.coderunner.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One append-only segment file {@code <firstSeq>.log} of an environment's log, with an in-memory index
 * of blocks (first seq, byte offset, first time) rebuilt from the line heads when the segment is opened.
 * Entries are in seq order and their times never go backwards, so seq and time lookups are binary searches.
 */
final class Segment {

    static final int BLOCK_ENTRIES = 256;
    static final int BLOCK_BYTES = 64 * 1024;

    final long firstSeq;
    final Path file;
    private volatile FileChannel writer;
    private volatile long size;
    private volatile long lastSeq;
    private volatile long minTime = Long.MAX_VALUE;
    private volatile long maxTime = Long.MIN_VALUE;
    private long[] blockSeq = new long[16];
    private long[] blockOffset = new long[16];
    private long[] blockTime = new long[16];
    private volatile int blocks;
    private int inBlock;
    private long blockStart;

    private Segment(long firstSeq, Path file) {
        this.firstSeq = firstSeq;
        this.file = file;
        this.lastSeq = firstSeq - 1;
    }

    static Path fileFor(Path dir, long firstSeq) {
        return dir.resolve(String.format("%020d.log", firstSeq));
    }

    static Segment create(Path dir, long firstSeq) {
        Segment s = new Segment(firstSeq, fileFor(dir, firstSeq));
        try {
            s.writer = FileChannel.open(s.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log segment " + s.file, e);
        }
        return s;
    }

    /** Opens an existing segment; a torn last line (the control plane died mid-write) is cut off when {@code writable}. */
    static Segment open(Path file, boolean writable) throws IOException {
        String name = file.getFileName().toString();
        Segment s = new Segment(Long.parseLong(name.substring(0, name.indexOf('.'))), file);
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            long[] head = EntryCodec.head(bytes, start, i - start);
            if (head != null) {
                s.indexed(head[0], head[1], start, i + 1 - start);
            }
            start = i + 1;
        }
        s.size = start; // past the last complete line: a torn tail is not part of the log
        if (writable) {
            s.writer = FileChannel.open(file, StandardOpenOption.WRITE);
            s.writer.truncate(s.size);
        }
        return s;
    }

    private void indexed(long seq, long time, long offset, int length) {
        if (blocks == 0 || inBlock >= BLOCK_ENTRIES || offset - blockStart >= BLOCK_BYTES) {
            if (blocks == blockSeq.length) {
                blockSeq = Arrays.copyOf(blockSeq, blocks * 2);
                blockOffset = Arrays.copyOf(blockOffset, blocks * 2);
                blockTime = Arrays.copyOf(blockTime, blocks * 2);
            }
            blockSeq[blocks] = seq;
            blockOffset[blocks] = offset;
            blockTime[blocks] = time;
            blockStart = offset;
            inBlock = 0;
            blocks++;
        }
        inBlock++;
        lastSeq = seq;
        minTime = Math.min(minTime, time);
        maxTime = Math.max(maxTime, time);
    }

    /** Appends encoded entries (one write); {@code seqs}/{@code times}/{@code lengths} describe them in order. */
    synchronized void append(ByteBuffer data, long[] seqs, long[] times, int[] lengths, int count) throws IOException {
        long at = size;
        while (data.hasRemaining()) {
            at += writer.write(data, at);
        }
        long offset = size;
        for (int i = 0; i < count; i++) {
            indexed(seqs[i], times[i], offset, lengths[i]);
            offset += lengths[i];
        }
        size = at;
    }

    long size() {
        return size;
    }

    long lastSeq() {
        return lastSeq;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return maxTime;
    }

    boolean isEmpty() {
        return lastSeq < firstSeq;
    }

    /** A consistent view of the index for one reader. */
    synchronized Index index() {
        return new Index(Arrays.copyOf(blockSeq, blocks), Arrays.copyOf(blockOffset, blocks), Arrays.copyOf(blockTime, blocks), size);
    }

    record Index(long[] seq, long[] offset, long[] time, long size) {
        int blocks() {
            return seq.length;
        }

        /** The block holding {@code seq} (the first block when it is before all). */
        int blockOfSeq(long s) {
            int i = Arrays.binarySearch(seq, s);
            return i >= 0 ? i : Math.max(0, -i - 2);
        }

        /** The first block that may hold an entry at or after {@code micros}. */
        int blockOfTime(long micros) {
            int lo = 0;
            int hi = seq.length - 1;
            int found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (time[mid] < micros) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        long end(int block) {
            return block + 1 < seq.length ? offset[block + 1] : size;
        }
    }

    /** The entries of one block, in order; empty if the segment was deleted meanwhile (retention). */
    List<LogEntry> read(Index index, int block) {
        long from = index.offset[block];
        int length = (int) (index.end(block) - from);
        List<LogEntry> out = new ArrayList<>(Math.min(BLOCK_ENTRIES, 1 + length / 64));
        byte[] bytes = new byte[length];
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                if (in.read(buf, from + buf.position()) < 0) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read log segment " + file, e);
        }
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                if (i > start) {
                    out.add(EntryCodec.decode(bytes, start, i - start));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * Makes what was appended durable (to the disk, not only the page cache). Not under the segment's lock, so
     * appends go on while the disk catches up; a segment sealed meanwhile was forced when it was closed.
     */
    void force() throws IOException {
        FileChannel w = writer;
        if (w != null) {
            try {
                w.force(false);
            } catch (java.nio.channels.ClosedChannelException e) {
                // sealed (and forced) meanwhile
            }
        }
    }

    synchronized void close() {
        if (writer != null) {
            try {
                try {
                    writer.force(false);   // a sealed segment is never written again: make it durable once
                } catch (java.nio.channels.ClosedChannelException e) {
                    // closed by an interrupted write; what was written is in the page cache all the same
                }
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writer = null;
        }
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }
}
