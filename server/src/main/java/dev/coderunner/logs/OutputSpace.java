package dev.coderunner.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the disk space of output that capture has stored. An instance appends to its output file
 * for as long as it runs, and the file cannot be truncated or renamed under it without losing what it
 * writes meanwhile; instead the captured start of the file is turned into a hole (util-linux
 * {@code fallocate --punch-hole}): the file keeps its length and the app's offsets, but its blocks are
 * freed. Where that is not possible (no {@code fallocate}, a file system without holes) it says so once
 * and does nothing more.
 */
final class OutputSpace {

    private static final Logger log = LoggerFactory.getLogger(OutputSpace.class);
    static final int BLOCK = 4096;

    private volatile boolean unavailable;

    /** Frees the blocks of {@code file} below {@code length} (rounded down to a block); false when it could not. */
    boolean release(Path file, long length) {
        long upTo = length / BLOCK * BLOCK;
        if (unavailable || upTo <= 0) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("fallocate", "--punch-hole", "--offset", "0", "--length", Long.toString(upTo), file.toString())
                    .redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) {
                String why = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return unavailable("fallocate answered " + p.exitValue() + (why.isEmpty() ? "" : ": " + why));
            }
            return true;
        } catch (IOException e) {
            return unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean unavailable(String why) {
        unavailable = true;
        log.warn("Cannot free the disk space of captured instance output ({}); output files of running instances will keep growing "
                + "until they stop. Install util-linux's fallocate or keep CODERUNNER_HOME on ext4, xfs, btrfs or tmpfs.", why);
        return false;
    }
}
