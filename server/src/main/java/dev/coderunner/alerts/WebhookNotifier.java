package dev.coderunner.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.coderunner.Ids;
import org.springframework.stereotype.Component;

/**
 * A generic webhook: the notification as JSON, signed with the channel's secret as
 * {@code X-CodeRunner-Signature: sha256=<hex HMAC-SHA256 of the raw body>} (the way GitHub signs its webhooks).
 */
@Component
class WebhookNotifier implements Notifier {

    static final String SIGNATURE = "X-CodeRunner-Signature";

    private final HttpPoster http;

    WebhookNotifier(HttpPoster http) {
        this.http = http;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public void send(AlertChannel channel, Map<String, String> secrets, Notification n) throws DeliveryException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", n.event());
        body.put("sentAt", n.at().toString());
        body.put("title", n.title());
        body.put("alert", n.alert());
        if (n.link() != null) {
            body.put("link", n.link());
        }
        byte[] bytes = AlertRuleStore.JSON.writeValueAsBytes(body);
        http.post(secrets.get("url"), bytes, Map.of(SIGNATURE, "sha256=" + sign(secrets.get("secret"), bytes),
                "X-CodeRunner-Event", n.event(), "X-CodeRunner-Delivery", Ids.newId("dlv")));
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
