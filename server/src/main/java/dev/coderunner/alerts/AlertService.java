package dev.coderunner.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.coderunner.Ids;
import dev.coderunner.auth.Principal;
import dev.coderunner.events.EventBus;
import dev.coderunner.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Opens and closes alert episodes, whatever raised them (a rule over metrics or a built-in rule): one firing
 * notification per episode, a resolved one at its end, nothing while its rule is silenced. Every change is stored
 * as history, published on the {@code notifications} channel ({@code alert-firing}, {@code alert-resolved},
 * {@code alert-acknowledged}) and queued for the alert's channels.
 */
@Service
public class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    static final String CHANNEL = "notifications";

    private final AlertStore store;
    private final AlertSettingsStore settings;
    private final ChannelStore channels;
    private final Deliveries deliveries;
    private final EventBus bus;
    private final Clock clock;
    private final AlertsProperties properties;

    AlertService(AlertStore store, AlertSettingsStore settings, ChannelStore channels, Deliveries deliveries, EventBus bus, Clock clock,
            AlertsProperties properties) {
        this.store = store;
        this.settings = settings;
        this.channels = channels;
        this.deliveries = deliveries;
        this.bus = bus;
        this.clock = clock;
        this.properties = properties;
    }

    /** What raised an alert: its rule, how it reads, and where it should go. */
    record Trigger(String app, String env, String ruleKey, String ruleName, Severity severity, String metric, Double threshold,
            Double value, String summary, Instant startedAt, List<String> channelIds) {
    }

    /** Opens an episode unless one of this rule is open already (then nothing happens: deduplication). */
    synchronized Optional<Alert> fire(Trigger t) {
        if (store.firing(t.app(), t.env(), t.ruleKey()).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean silenced = settings.silencedUntil(t.app(), t.env(), t.ruleKey(), now).isPresent();
        Alert alert = new Alert(Ids.newId("alt"), t.app(), t.env(), t.ruleKey(), t.ruleName(), BuiltinRule.fromKind(t.ruleKey()).isPresent(),
                t.severity().wire(), t.metric(), t.threshold(), t.value(), t.summary(), Alert.FIRING,
                t.startedAt() == null ? now : t.startedAt(), now, null, null, null, silenced, List.copyOf(t.channelIds()));
        store.insert(alert);
        log.info("Alert {} firing: {} on {}/{}{}", alert.id(), alert.ruleName(), alert.app(), alert.env(), silenced ? " (silenced)" : "");
        announce("alert-firing", Notification.FIRING, alert);
        return Optional.of(alert);
    }

    /** Closes the rule's open episode, if there is one. */
    synchronized Optional<Alert> resolve(String app, String env, String ruleKey, Double value) {
        Optional<Alert> open = store.firing(app, env, ruleKey);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Alert resolved = open.get().resolved(clock.instant(), value);
        if (!store.resolve(resolved)) {
            return Optional.empty();
        }
        log.info("Alert {} resolved: {} on {}/{}", resolved.id(), resolved.ruleName(), app, env);
        announce("alert-resolved", Notification.RESOLVED, resolved);
        return Optional.of(resolved);
    }

    boolean isFiring(String app, String env, String ruleKey) {
        return store.firing(app, env, ruleKey).isPresent();
    }

    void updateValue(String app, String env, String ruleKey, double value) {
        store.firing(app, env, ruleKey).ifPresent(a -> store.updateValue(a.id(), value));
    }

    public Alert require(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("alert", id));
    }

    /** Marks a firing alert as being taken care of; PagerDuty and webhooks are told. Acknowledging twice changes nothing. */
    synchronized Alert acknowledge(String id) {
        Alert alert = require(id);
        if (!alert.firing()) {
            throw ApiException.conflict("alert-resolved", "Alert " + id + " is resolved already; only firing alerts can be acknowledged.");
        }
        if (alert.acknowledgedAt() != null) {
            return alert;
        }
        Alert acked = alert.acknowledged(clock.instant(), Principal.current().username());
        store.acknowledge(acked);
        announce("alert-acknowledged", Notification.ACKNOWLEDGED, acked);
        return acked;
    }

    /** Silences the alert's rule in its environment until {@code until}: new episodes of it are recorded but notify nobody. */
    Instant silence(String id, Instant until) {
        Alert alert = require(id);
        if (!until.isAfter(clock.instant())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-silence", "A silence ends in the future.");
        }
        settings.silence(alert.app(), alert.env(), alert.ruleKey(), until, Principal.current().username());
        return until;
    }

    void unsilence(String id) {
        Alert alert = require(id);
        settings.unsilence(alert.app(), alert.env(), alert.ruleKey());
    }

    Optional<Instant> silencedUntil(String app, String env, String ruleKey) {
        return settings.silencedUntil(app, env, ruleKey, clock.instant());
    }

    List<Alert> find(AlertStore.Query query) {
        return store.find(query);
    }

    List<Alert> firing() {
        return store.allFiring();
    }

    /** Publishes the change and, unless the episode is silenced, queues it for each of the alert's channels. */
    private void announce(String kind, String event, Alert alert) {
        bus.publish(CHANNEL, kind, alert);
        if (alert.silenced()) {
            return;
        }
        Notification n = new Notification(event, alert, clock.instant(), link(alert));
        for (String id : alert.channels()) {
            channels.find(id).ifPresent(c -> deliveries.enqueue(c, n));
        }
    }

    private String link(Alert alert) {
        String base = properties.dashboardUrl();
        if (base == null || base.isBlank()) {
            return null;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/alerts?alert=" + alert.id();
    }
}
