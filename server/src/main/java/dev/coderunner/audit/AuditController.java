package dev.coderunner.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the audit log, newest first, for admins and operators. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final AuditLog audit;
    private final Clock clock;

    AuditController(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        Role role = Principal.current().role();
        if (role != Role.ADMIN && role != Role.OPERATOR) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only admins and operators can read the audit log.");
        }
        int n = limit(limit);
        AuditQuery query = new AuditQuery(actor, action, target, time(since, "since"), time(until, "until"));
        List<AuditEvent> page = audit.find(query, cursor(cursor), n + 1);
        List<AuditEvent> items = page.stream().limit(n).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("nextCursor", page.size() > n ? Long.toString(items.getLast().id()) : null);
        return out;
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT + "; got " + requested + ".");
        }
        return requested;
    }

    private static Long cursor(String cursor) {
        try {
            return cursor == null ? null : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-cursor", "The cursor is not one this API gave out.");
        }
    }

    /** An ISO-8601 time, or a duration back from now such as {@code 15m}, {@code 1h}, {@code 7d}. */
    Instant time(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                Duration d = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return clock.instant().minus(d);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-time", field + " must be an ISO-8601 time or a duration like 15m; got '" + value + "'.");
        }
    }
}
