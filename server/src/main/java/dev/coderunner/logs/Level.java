package dev.coderunner.logs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Severity of a log entry, recognised from JSON fields, logfmt {@code level=} or a common prefix. */
enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"(?:level|severity|lvl|log\\.level|levelname)\"\\s*:\\s*(?:\"([A-Za-z]+)\"|(\\d+))");
    private static final Pattern LOGFMT = Pattern.compile("(?:^|\\s)(?:level|lvl|severity)=\"?([A-Za-z]+)");
    private static final Pattern PREFIX = Pattern.compile(
            "(?:^|[\\s\\[(|:])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL|CRIT|PANIC)(?:$|[\\s\\]):|])");
    private static final Pattern LOWER_START = Pattern.compile(
            "^\\[?(trace|debug|info|warn|warning|error|fatal|critical|panic)\\]?[:\\s]", Pattern.CASE_INSENSITIVE);
    /** The first characters {@link #LOWER_START} can match. */
    private static final String LOWER_FIRST = "[tdiwefcp";
    private static final int PREFIX_WINDOW = 80;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }

    /** A level name as users and libraries write it ({@code warning}, {@code err}, {@code critical}, …); null if unknown. */
    static Level parse(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trace", "finest", "finer" -> TRACE;
            case "debug", "dbg", "fine", "config" -> DEBUG;
            case "info", "information", "notice", "informational" -> INFO;
            case "warn", "warning" -> WARN;
            case "error", "err", "severe" -> ERROR;
            case "fatal", "critical", "crit", "panic", "emergency", "emerg", "alert" -> FATAL;
            default -> null;
        };
    }

    /** pino/bunyan numeric levels: 10 trace … 60 fatal. */
    private static Level numeric(int n) {
        return n >= 60 ? FATAL : n >= 50 ? ERROR : n >= 40 ? WARN : n >= 30 ? INFO : n >= 20 ? DEBUG : TRACE;
    }

    /** The level a line states, or null when it states none. */
    static Level detect(String line) {
        if (line.startsWith("{")) {
            Matcher m = JSON_FIELD.matcher(line);
            if (m.find()) {
                return m.group(1) != null ? parse(m.group(1)) : numeric(Integer.parseInt(m.group(2).length() > 3 ? "0" : m.group(2)));
            }
            return null;
        }
        // Every captured line comes here: cheap looks first, so a line that cannot match runs no regex.
        if (line.indexOf('=') >= 0) {
            Matcher logfmt = LOGFMT.matcher(line);
            if (logfmt.find()) {
                Level l = parse(logfmt.group(1));
                if (l != null) {
                    return l;
                }
            }
        }
        int head = Math.min(line.length(), PREFIX_WINDOW);
        if (hasCapitalRun(line, head)) {
            Matcher prefix = PREFIX.matcher(line).region(0, head);
            if (prefix.find()) {
                return parse(prefix.group(1));
            }
        }
        if (!line.isEmpty() && LOWER_FIRST.indexOf(Character.toLowerCase(line.charAt(0))) >= 0) {
            Matcher lower = LOWER_START.matcher(line).region(0, head);
            return lower.find() ? parse(lower.group(1)) : null;
        }
        return null;
    }

    /** Whether the first {@code end} characters hold three capitals in a row (every {@link #PREFIX} word does). */
    private static boolean hasCapitalRun(String line, int end) {
        int run = 0;
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            run = c >= 'A' && c <= 'Z' ? run + 1 : 0;
            if (run == 3) {
                return true;
            }
        }
        return false;
    }
}
