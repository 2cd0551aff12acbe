package dev.coderunner.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** A Slack incoming webhook: a {@code text} line plus one coloured attachment with the alert's fields. */
@Component
class SlackNotifier implements Notifier {

    private final HttpPoster http;

    SlackNotifier(HttpPoster http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public boolean wants(String event) {
        return !Notification.ACKNOWLEDGED.equals(event);
    }

    @Override
    public void send(AlertChannel channel, Map<String, String> secrets, Notification n) throws DeliveryException {
        Alert a = n.alert();
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("App", a.app() + "/" + a.env()));
        fields.add(field("Severity", a.severity()));
        if (a.value() != null) {
            fields.add(field("Value", AlertRule.format(a.value())));
        }
        fields.add(field("Alert", a.id()));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", color(n));
        attachment.put("title", a.ruleName());
        if (n.link() != null) {
            attachment.put("title_link", n.link());
        }
        attachment.put("text", a.summary());
        attachment.put("fields", fields);
        attachment.put("ts", n.at().getEpochSecond());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", (Notification.RESOLVED.equals(n.event()) ? ":white_check_mark: " : ":rotating_light: ") + n.title());
        body.put("attachments", List.of(attachment));
        http.post(secrets.get("url"), AlertRuleStore.JSON.writeValueAsBytes(body), Map.of());
    }

    private static String color(Notification n) {
        if (Notification.RESOLVED.equals(n.event())) {
            return "good";
        }
        return "critical".equals(n.alert().severity()) ? "danger" : "warning".equals(n.alert().severity()) ? "warning" : "#439FE0";
    }

    private static Map<String, Object> field(String title, String value) {
        return Map.of("title", title, "value", value, "short", true);
    }
}
