package dev.coderunner.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * PagerDuty Events API v2: {@code trigger} when an alert fires, {@code acknowledge} and {@code resolve} later, all
 * with the alert's id as {@code dedup_key}, so PagerDuty keeps one incident per alert.
 */
@Component
class PagerDutyNotifier implements Notifier {

    private final HttpPoster http;
    private final AlertsProperties properties;

    PagerDutyNotifier(HttpPoster http, AlertsProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.PAGERDUTY;
    }

    @Override
    public void send(AlertChannel channel, Map<String, String> secrets, Notification n) throws DeliveryException {
        Alert a = n.alert();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", secrets.get("routingKey"));
        body.put("event_action", switch (n.event()) {
            case Notification.RESOLVED -> "resolve";
            case Notification.ACKNOWLEDGED -> "acknowledge";
            default -> "trigger";
        });
        body.put("dedup_key", "coderunner-" + a.id());
        if ("trigger".equals(body.get("event_action"))) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", cut(n.title(), 1024));
            payload.put("source", a.app() + "/" + a.env());
            payload.put("severity", a.severity());
            payload.put("timestamp", a.firedAt().toString());
            payload.put("component", a.app());
            payload.put("group", a.env());
            payload.put("class", a.rule());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rule", a.ruleName());
            details.put("summary", a.summary());
            if (a.value() != null) {
                details.put("value", a.value());
            }
            payload.put("custom_details", details);
            body.put("payload", payload);
            body.put("client", "CodeRunner");
            if (n.link() != null) {
                body.put("client_url", n.link());
            }
        }
        http.post(channel.settings().getOrDefault("url", properties.pagerdutyUrl()), AlertRuleStore.JSON.writeValueAsBytes(body), Map.of());
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
