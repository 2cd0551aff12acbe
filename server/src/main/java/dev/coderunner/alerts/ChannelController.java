package dev.coderunner.alerts;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.coderunner.access.Access;
import dev.coderunner.access.Action;
import dev.coderunner.access.AppAccess;
import dev.coderunner.app.AppService;
import dev.coderunner.audit.AuditLog;
import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Notification channels: global ones ({@code /alerts/channels}, admins and operators) and an app's own
 * ({@code /apps/{app}/alerts/channels}). A channel can be tested, which sends a sample notification at once.
 */
@RestController
class ChannelController {

    private final Channels channels;
    private final ChannelStore store;
    private final AlertRuleStore rules;
    private final Deliveries deliveries;
    private final AppService apps;
    private final AuditLog audit;
    private final Clock clock;
    private final AppAccess access;

    ChannelController(Channels channels, ChannelStore store, AlertRuleStore rules, Deliveries deliveries, AppService apps, AuditLog audit,
            Clock clock, AppAccess access) {
        this.access = access;
        this.channels = channels;
        this.store = store;
        this.rules = rules;
        this.deliveries = deliveries;
        this.apps = apps;
        this.audit = audit;
        this.clock = clock;
    }

    @Access(Access.Who.OPERATOR)
    @GetMapping("/api/v1/alerts/channels")
    Map<String, Object> global() {
        return Map.of("items", store.visibleTo(null).stream().map(channels::view).toList());
    }

    @Access(Access.Who.OPERATOR)
    @PostMapping("/api/v1/alerts/channels")
    ResponseEntity<Map<String, Object>> createGlobal(@RequestBody(required = false) JsonNode body) {
        requireOperator();
        return created(null, body);
    }

    /** The app's channels and the global ones, which its rules may use too. */
    @GetMapping("/api/v1/apps/{app}/alerts/channels")
    Map<String, Object> ofApp(@PathVariable String app) {
        apps.require(app);
        return Map.of("items", store.visibleTo(app).stream().map(channels::view).toList());
    }

    @PostMapping("/api/v1/apps/{app}/alerts/channels")
    ResponseEntity<Map<String, Object>> createForApp(@PathVariable String app, @RequestBody(required = false) JsonNode body) {
        apps.require(app);
        return created(app, body);
    }

    /** Channel routes by id: a global channel is the operators', an app's channel follows that app's rights. */
    @Access(Access.Who.AUTHENTICATED)
    @GetMapping("/api/v1/alerts/channels/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return channels.view(require(id, Action.READ));
    }

    @Access(Access.Who.AUTHENTICATED)
    @DeleteMapping("/api/v1/alerts/channels/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        AlertChannel c = require(id, Action.CONFIGURE);
        if (rules.usesChannel(id)) {
            throw ApiException.conflict("channel-in-use", "Alert rules still send to channel " + id + "; change them first.");
        }
        store.delete(id);
        audit.record("alert.channel.delete", c.app() == null ? "global" : c.app(), Map.of("channel", id, "name", c.name()));
        return ResponseEntity.noContent().build();
    }

    /** Sends a sample firing notification now and answers whether the receiver took it. */
    @Access(Access.Who.AUTHENTICATED)
    @PostMapping("/api/v1/alerts/channels/{id}/test")
    Map<String, Object> test(@PathVariable String id) {
        AlertChannel c = require(id, Action.CONFIGURE);
        String app = c.app() == null ? "example" : c.app();
        Alert sample = new Alert("alt_test", app, "production", "test", "Test notification", false, Severity.INFO.wire(), null, null, null,
                "This is a test of channel '" + c.name() + "'.", Alert.FIRING, clock.instant(), clock.instant(), null, null, null, false,
                List.of(id));
        var failure = deliveries.sendNow(c, new Notification(Notification.TEST, sample, clock.instant(), null));
        return failure.<Map<String, Object>>map(f -> Map.of("delivered", false, "error", f)).orElse(Map.of("delivered", true));
    }

    private ResponseEntity<Map<String, Object>> created(String app, JsonNode body) {
        Channels.Created created = channels.create(app, body);
        AlertChannel c = created.channel();
        audit.record("alert.channel.create", app == null ? "global" : app, Map.of("channel", c.id(), "name", c.name(), "type", c.type().wire()));
        Map<String, Object> view = channels.view(c);
        if (created.generatedSecret() != null) {
            view.put("secret", created.generatedSecret());   // the webhook signing secret, shown this once
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    private AlertChannel require(String id, Action action) {
        AlertChannel c = store.find(id).orElseThrow(() -> ApiException.notFound("alert-channel", id));
        Principal caller = Principal.current();
        if (c.app() == null) {
            requireOperator();
        } else if (!access.canSee(caller, c.app())) {
            throw ApiException.notFound("alert-channel", id);   // another app's channel: as if absent
        } else {
            access.require(caller, c.app(), action);
        }
        return c;
    }

    private static void requireOperator() {
        Role role = Principal.current().role();
        if (role != Role.ADMIN && role != Role.OPERATOR) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only admins and operators manage global channels.");
        }
    }
}
