package dev.coderunner.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, for admins and operators; filters by user,
 * app, action, target and time, cursor pagination, and {@code ?format=csv|json} to download every
 * matching row (up to {@code coderunner.audit.export-max-rows}).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int EXPORT_PAGE = 500;

    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;
    private final int exportMaxRows;

    AuditController(AuditLog audit, Clock clock, JsonMapper json, @Value("${coderunner.audit.export-max-rows:100000}") int exportMaxRows) {
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.exportMaxRows = exportMaxRows;
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String actor, @RequestParam(required = false) String user,
            @RequestParam(required = false) String app, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String format,
            HttpServletResponse response) throws IOException {
        Role role = Principal.current().role();
        if (role != Role.ADMIN && role != Role.OPERATOR) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only admins and operators can read the audit log.");
        }
        AuditQuery query = new AuditQuery(user != null ? user : actor, app, action, target, time(since, "since"), time(until, "until"));
        if (format != null) {
            export(query, format, response);
            return null;   // written directly: an export may be large, so it streams
        }
        int n = limit(limit);
        List<AuditEvent> page = audit.find(query, cursor(cursor), n + 1);
        List<AuditEvent> items = page.stream().limit(n).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("nextCursor", page.size() > n ? Long.toString(items.getLast().id()) : null);
        return ResponseEntity.ok(out);
    }

    /** Streams every matching row, a page at a time, straight to the client. */
    private void export(AuditQuery query, String format, HttpServletResponse response) throws IOException {
        boolean csv = switch (format.toLowerCase()) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw ApiException.badRequest("invalid-format", "format is csv or json; got '" + format + "'.");
        };
        String file = "coderunner-audit-" + clock.instant().toString().replace(":", "") + (csv ? ".csv" : ".json");
        response.setContentType(csv ? "text/csv;charset=UTF-8" : MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        w.write(csv ? AuditCsv.HEADER : "[");
        Long before = null;
        int written = 0;
        while (written < exportMaxRows) {
            List<AuditEvent> page = audit.find(query, before, Math.min(EXPORT_PAGE, exportMaxRows - written));
            for (AuditEvent e : page) {
                w.write(csv ? AuditCsv.row(e, json) : (written == 0 ? "" : ",") + json.writeValueAsString(e));
                written++;
            }
            if (page.size() < EXPORT_PAGE) {
                break;
            }
            before = page.getLast().id();
        }
        w.write(csv ? "" : "]");
        w.flush();
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
            if (value.matches("\\d{1,9}[smhd]")) {
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
