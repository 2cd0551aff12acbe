package dev.coderunner.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.coderunner.web.ApiException;

/**
 * A log query as the API takes it: a time range ({@code since}/{@code until}, ISO-8601 or a duration back
 * from now such as {@code 15m}), a minimum level, instance, process type, release, a text or regex search,
 * an order and a cursor. Invalid input is a 400 naming the parameter.
 */
record LogQuery(long sinceMicros, long untilMicros, Level level, String instance, String processType, Integer release, String text,
        Pattern regex, int limit, Order order, Long cursor) {

    static final int MAX_LIMIT = 10_000;

    /** {@code tail}: the newest entries, oldest first (the default); {@code desc}: newest first; {@code asc}: oldest first. */
    enum Order { TAIL, DESC, ASC }

    static LogQuery parse(String since, String until, String level, String instance, String process, Integer release, String q,
            boolean regex, Integer limit, String order, String cursor, int defaultLimit, Clock clock) {
        Level min = null;
        if (level != null && !level.isBlank()) {
            min = Level.parse(level);
            if (min == null) {
                throw ApiException.badRequest("invalid-log-query", "level must be one of trace, debug, info, warn, error, fatal; was '"
                        + abbreviate(level) + "'.");
            }
        }
        int n = limit == null ? defaultLimit : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-log-query", "limit must be 1.." + MAX_LIMIT + ", was " + n + ".");
        }
        Pattern pattern = null;
        if (regex && q != null && !q.isEmpty()) {
            try {
                pattern = Pattern.compile(q);
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("invalid-log-query", "q is not a valid regular expression: " + e.getDescription() + ".");
            }
        }
        Order o;
        try {
            o = order == null || order.isBlank() ? Order.TAIL : Order.valueOf(order.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-log-query", "order must be asc, desc or tail; was '" + abbreviate(order) + "'.");
        }
        return new LogQuery(time("since", since, clock, Long.MIN_VALUE), time("until", until, clock, Long.MAX_VALUE), min, blank(instance),
                blank(process), release, pattern == null ? blank(q) : null, pattern, n, o, cursor("cursor", cursor));
    }

    static Long cursor(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long c = Long.parseLong(value.trim());
            if (c < 0) {
                throw new NumberFormatException();
            }
            return c;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-log-query", name + " must be a cursor from an earlier answer, was '" + abbreviate(value) + "'.");
        }
    }

    /** ISO-8601 instant, or a duration back from now: {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, {@code PT1H}. */
    static long time(String name, String value, Clock clock, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        String v = value.trim();
        try {
            if (v.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(v.substring(0, v.length() - 1));
                Duration d = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return LogEntry.micros(clock.instant().minus(d));
            }
            if (v.startsWith("P") || v.startsWith("p")) {
                return LogEntry.micros(clock.instant().minus(Duration.parse(v)));
            }
            return LogEntry.micros(Instant.parse(v));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest("invalid-log-query", name + " must be an ISO-8601 time or a duration like 15m or 1h, was '"
                    + abbreviate(value) + "'.");
        }
    }

    Predicate<LogEntry> filter() {
        Predicate<LogEntry> p = e -> true;
        if (level != null) {
            p = p.and(e -> e.severity().atLeast(level));
        }
        if (instance != null) {
            p = p.and(e -> instance.equals(e.instance()));
        }
        if (processType != null) {
            p = p.and(e -> processType.equals(e.processType()));
        }
        if (release != null) {
            p = p.and(e -> release.equals(e.release()));
        }
        if (text != null) {
            String needle = text.toLowerCase(Locale.ROOT);
            p = p.and(e -> e.message().toLowerCase(Locale.ROOT).contains(needle));
        }
        if (regex != null) {
            p = p.and(e -> regex.matcher(e.message()).find());
        }
        return p;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
