package dev.coderunner.alerts;

import java.util.Map;

import dev.coderunner.mail.Mailer;
import org.springframework.stereotype.Component;

/** Email over SMTP, through the shared {@link Mailer} (the server of {@code CODERUNNER_SMTP_*}): a plain-text message per recipient. */
@Component
class EmailNotifier implements Notifier {

    private final Mailer mailer;

    EmailNotifier(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public boolean wants(String event) {
        return !Notification.ACKNOWLEDGED.equals(event);
    }

    @Override
    public void send(AlertChannel channel, Map<String, String> secrets, Notification n) throws DeliveryException {
        if (!mailer.configured()) {
            throw new DeliveryException("no mail server: set CODERUNNER_SMTP_HOST", false);
        }
        for (String to : channel.settings().get("to").split(",")) {
            try {
                mailer.send(to, "[CodeRunner] " + n.title(), n.text());
            } catch (Mailer.MailFailure e) {
                // A retry sends to every recipient again: at least once, as for the other channels.
                throw new DeliveryException(e.getMessage(), e, true);
            }
        }
    }
}
