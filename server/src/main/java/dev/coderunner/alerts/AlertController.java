package dev.coderunner.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.access.Access;
import dev.coderunner.access.AppAccess;
import dev.coderunner.app.AppService;
import dev.coderunner.auth.Principal;
import dev.coderunner.audit.AuditLog;
import dev.coderunner.web.ApiException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /alerts}: firing alerts and history across apps, acknowledge and silence. */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

    static final Duration MAX_SILENCE = Duration.ofDays(30);

    private final AlertService alerts;
    private final AppService apps;
    private final AuditLog audit;
    private final Clock clock;
    private final AppAccess access;

    AlertController(AlertService alerts, AppService apps, AuditLog audit, Clock clock, AppAccess access) {
        this.access = access;
        this.alerts = alerts;
        this.apps = apps;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Newest first; {@code state=firing} for what is open now, {@code state=resolved} for the past. Each
     * caller gets only the alerts of apps they may see (a page may then hold fewer than {@code limit}).
     */
    @Access(Access.Who.AUTHENTICATED)
    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String state, @RequestParam(required = false) String app,
            @RequestParam(required = false) String env, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        if (state != null && !List.of(Alert.FIRING, Alert.RESOLVED).contains(state)) {
            throw ApiException.badRequest("invalid-alert-state", "state is 'firing' or 'resolved'.");
        }
        AppAccess.Visible visible = access.visible(Principal.current());
        if (app != null) {
            apps.require(app);
            if (!visible.contains(app)) {
                throw ApiException.notFound("app", app);   // as for any app the caller may not see
            }
        }
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) {
            throw ApiException.badRequest("invalid-limit", "limit is 1–200.");
        }
        Instant beforeAt = null;
        String beforeId = null;
        if (cursor != null) {
            int bar = cursor.indexOf('~');
            try {
                beforeAt = Instant.parse(cursor.substring(0, bar));
                beforeId = cursor.substring(bar + 1);
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw ApiException.badRequest("invalid-cursor", "The cursor is the nextCursor of a previous page.");
            }
        }
        List<Alert> page = alerts.find(new AlertStore.Query(app, env, state, beforeAt, beforeId, n + 1));
        Map<String, Object> out = new LinkedHashMap<>();
        List<Alert> items = page.size() > n ? page.subList(0, n) : page;
        out.put("items", items.stream().filter(a -> visible.contains(a.app())).toList());
        out.put("nextCursor", page.size() > n ? items.getLast().firedAt() + "~" + items.getLast().id() : null);
        return out;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        Alert a = alerts.require(id);
        return withSilence(a);
    }

    @PostMapping("/{id}/ack")
    Alert acknowledge(@PathVariable String id) {
        Alert a = alerts.acknowledge(id);
        audit.record("alert.ack", a.app() + "/" + a.env(), Map.of("alert", id));
        return a;
    }

    /** Silences the alert's rule in its environment: {@code {"until": "<ISO time>"}} or {@code {"for": "2h"}} (at most 30 days). */
    @PostMapping("/{id}/silence")
    Map<String, Object> silence(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        Instant now = clock.instant();
        Instant until;
        try {
            if (body != null && body.hasNonNull("until")) {
                until = Instant.parse(body.get("until").asString());
            } else if (body != null && body.hasNonNull("for")) {
                until = now.plus(DurationStyle.detectAndParse(body.get("for").asString()));
            } else {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.invalid("invalid-silence", "Send {\"until\": \"2026-11-25T18:00:00Z\"} or {\"for\": \"2h\"}.");
        }
        if (!until.isAfter(now) || until.isAfter(now.plus(MAX_SILENCE))) {
            throw ApiException.invalid("invalid-silence", "A silence ends in the future, at most 30 days from now.");
        }
        Alert a = alerts.require(id);
        alerts.silence(id, until);
        audit.record("alert.silence", a.app() + "/" + a.env(), Map.of("alert", id, "rule", a.rule(), "until", until.toString()));
        return withSilence(a);
    }

    @DeleteMapping("/{id}/silence")
    ResponseEntity<Void> unsilence(@PathVariable String id) {
        Alert a = alerts.require(id);
        alerts.unsilence(id);
        audit.record("alert.unsilence", a.app() + "/" + a.env(), Map.of("alert", id, "rule", a.rule()));
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> withSilence(Alert a) {
        Map<String, Object> out = AlertRuleStore.JSON.convertValue(a, MAP);
        out.put("silencedUntil", alerts.silencedUntil(a.app(), a.env(), a.rule()).map(Instant::toString).orElse(null));
        return out;
    }

    private static final tools.jackson.core.type.TypeReference<LinkedHashMap<String, Object>> MAP = new tools.jackson.core.type.TypeReference<>() {
    };
}
