package dev.coderunner.logs;

import java.time.Instant;

/**
 * One stored entry of an environment's log. {@code seq} grows by one per environment and is the
 * cursor; {@code source} and {@code end} (the output file and the offset just past the entry) let
 * capture resume exactly after a control-plane restart. Entries of builds and deployments have
 * instance {@code deploy}; a {@code gap} entry (stream {@code system}) records lines that were lost.
 */
record LogEntry(long seq, long timeMicros, Integer release, String processType, String instance, String stream, String level,
        String message, String source, long end) {

    Instant time() {
        return Instant.ofEpochSecond(timeMicros / 1_000_000, (timeMicros % 1_000_000) * 1000);
    }

    Level severity() {
        Level l = Level.parse(level);
        return l == null ? Level.INFO : l;
    }

    LogEntry withSeq(long newSeq) {
        return new LogEntry(newSeq, timeMicros, release, processType, instance, stream, level, message, source, end);
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    /** What the API, SSE and WebSocket show: {@code cursor} is the seq as a string. */
    LogLine view() {
        return new LogLine(Long.toString(seq), time().toString(), instance, processType, release, stream, level, message);
    }

    record LogLine(String cursor, String time, String instance, String processType, Integer release, String stream, String level,
            String message) {
    }
}
