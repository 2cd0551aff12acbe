package dev.coderunner.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads what the processes of instances use from Linux's {@code /proc}. An instance is a process
 * group (it starts in its own session), so one pass over {@code /proc/<pid>/stat} sums every member
 * of every instance at once: cheaper than walking each instance's descendants, which scans
 * {@code /proc} as well. Where {@code /proc} is missing (not Linux), nothing is read.
 */
final class ProcessGroupReader {

    /** Linux reports CPU time in USER_HZ ticks, 100 per second on every architecture the JDK runs on. */
    static final int TICKS_PER_SECOND = 100;

    /**
     * What one process group uses now.
     *
     * @param cpuTicks  CPU time of its live members plus what their ended children used (cumulative)
     * @param rssBytes  resident memory summed over the members (shared pages count once per member)
     */
    record Usage(long cpuTicks, long rssBytes, int threads, int openFiles, int processes) {
    }

    private final Path proc;
    private final long pageSize;

    ProcessGroupReader(Path proc) {
        this.proc = proc;
        this.pageSize = pageSize();
    }

    static ProcessGroupReader system() {
        return new ProcessGroupReader(Path.of("/proc"));
    }

    boolean available() {
        return Files.isReadable(proc.resolve("self/stat"));
    }

    /** Usage per group id, for the groups that have at least one live process. */
    Map<Long, Usage> read(Set<Long> groups) {
        Map<Long, long[]> sums = new HashMap<>();
        if (groups.isEmpty() || !available()) {
            return Map.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path dir : entries) {
                String name = dir.getFileName().toString();
                if (!isDigits(name)) {
                    continue;
                }
                long[] stat = stat(dir);
                if (stat == null) {
                    continue; // ended while we looked
                }
                long pid = Long.parseLong(name);
                long group = groups.contains(stat[0]) ? stat[0] : groups.contains(pid) ? pid : -1;
                if (group < 0) {
                    continue;
                }
                long[] sum = sums.computeIfAbsent(group, g -> new long[5]);
                sum[0] += stat[1];
                sum[1] += stat[3] * pageSize;
                sum[2] += stat[2];
                sum[3] += openFiles(dir);
                sum[4]++;
            }
        } catch (IOException e) {
            return Map.of();
        }
        Map<Long, Usage> out = new HashMap<>();
        sums.forEach((group, s) -> out.put(group, new Usage(s[0], s[1], (int) s[2], (int) s[3], (int) s[4])));
        return out;
    }

    /** {pgrp, utime+stime+cutime+cstime, num_threads, rss pages}, or null when unreadable. */
    private static long[] stat(Path dir) {
        String line;
        try {
            line = new String(Files.readAllBytes(dir.resolve("stat")), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] f = line.substring(close + 2).split(" ");
        if (f.length < 22) {
            return null;
        }
        // f[0] is field 3 (state): pgrp is field 5, utime..cstime 14..17, num_threads 20, rss 24.
        return new long[] {Long.parseLong(f[2]),
            Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]),
            Long.parseLong(f[17]), Long.parseLong(f[21])};
    }

    private static int openFiles(Path dir) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            int n = 0;
            for (Path ignored : fds) {
                n++;
            }
            return n;
        } catch (IOException | SecurityException e) {
            return 0; // not ours to read, or ended
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static long pageSize() {
        try {
            Process p = new ProcessBuilder("getconf", "PAGESIZE").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 4096;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 4096;
        }
    }
}
