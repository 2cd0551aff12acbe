package dev.coderunner.logs;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Joins the lines of one output stream into entries: a stack trace (indented lines, {@code at …},
 * {@code Caused by:}, {@code ... n more}, a Python traceback up to its exception line) stays one entry.
 * A line that may open a group waits up to the group timeout for its continuation; any other line
 * is passed on at once, so plain logs are not delayed.
 */
final class LineGrouper {

    /** One grouped entry: its text, when its first line was read, and the file offset just past its last line. */
    record Group(String message, long timeMicros, long end, Level level) {
    }

    private static final Pattern CONTINUATION = Pattern.compile("^(?:[ \\t]+\\S|Caused by:|Suppressed:|\\.\\.\\. \\d+ (?:more|common frames omitted))");
    private static final Pattern PY_EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\\b.*");
    private static final Pattern OPENER = Pattern.compile("(?:Exception|Error|Throwable|Traceback|panic:|:\\s*$)");
    private static final int MAX_LINES = 1000;

    private final int maxChars;
    private final long timeoutMicros;
    private StringBuilder pending;
    private long pendingTime;
    private long pendingEnd;
    private long lastAt;
    private int lines;
    private boolean traceback;
    private boolean continued;

    LineGrouper(int maxChars, long timeoutMicros) {
        this.maxChars = maxChars;
        this.timeoutMicros = timeoutMicros;
    }

    /** Takes one line (without its newline); completed entries go to {@code out}. */
    void accept(String line, long end, long nowMicros, Consumer<Group> out) {
        if (pending != null && continues(line)) {
            if (pending.length() < maxChars) {
                pending.append('\n').append(line, 0, Math.min(line.length(), maxChars - pending.length()));
            }
            pendingEnd = end;
            lastAt = nowMicros;
            lines++;
            continued = true;
            if (traceback && PY_EXCEPTION.matcher(line).matches()) {
                flush(out);
            } else if (lines >= MAX_LINES) {
                flush(out);
            }
            return;
        }
        flush(out);
        pending = new StringBuilder(line.length() > maxChars ? line.substring(0, maxChars) : line);
        pendingTime = nowMicros;
        pendingEnd = end;
        lastAt = nowMicros;
        lines = 1;
        continued = false;
        traceback = line.startsWith("Traceback (most recent call last)");
    }

    /**
     * Called after each read: passes on the pending entry unless it may still grow (a possible group
     * opener, or a group already under way) and its timeout has not passed.
     */
    void settle(long nowMicros, Consumer<Group> out) {
        if (pending == null) {
            return;
        }
        boolean mayGrow = continued || traceback || OPENER.matcher(pending).find();
        if (!mayGrow || nowMicros - lastAt >= timeoutMicros) {
            flush(out);
        }
    }

    boolean holding() {
        return pending != null;
    }

    void flush(Consumer<Group> out) {
        if (pending == null) {
            return;
        }
        String message = pending.toString();
        Level level = Level.detect(message);
        if (level == null && continued && !traceback && message.contains("\n\tat ") || level == null && traceback) {
            level = Level.ERROR;
        }
        out.accept(new Group(message, pendingTime, pendingEnd, level));
        pending = null;
    }

    private boolean continues(String line) {
        if (traceback) {
            return line.startsWith(" ") || line.startsWith("\t") || PY_EXCEPTION.matcher(line).matches();
        }
        return CONTINUATION.matcher(line).find() || line.startsWith("at ") && continued;
    }
}
