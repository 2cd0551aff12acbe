package dev.coderunner.alerts;

import java.util.Map;
import java.util.Properties;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Email over SMTP (the server from {@code CODERUNNER_SMTP_*}): a plain-text message per notification. */
@Component
class EmailNotifier implements Notifier {

    private final AlertsProperties properties;
    private final JavaMailSenderImpl mail;

    EmailNotifier(AlertsProperties properties) {
        this.properties = properties;
        AlertsProperties.Smtp smtp = properties.smtp();
        this.mail = new JavaMailSenderImpl();
        mail.setHost(smtp.host());
        mail.setPort(smtp.port());
        if (!smtp.username().isBlank()) {
            mail.setUsername(smtp.username());
            mail.setPassword(smtp.password());
        }
        Properties p = mail.getJavaMailProperties();
        long timeout = properties.timeout().toMillis();
        p.put("mail.smtp.auth", Boolean.toString(!smtp.username().isBlank()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.connectiontimeout", Long.toString(timeout));
        p.put("mail.smtp.timeout", Long.toString(timeout));
        p.put("mail.smtp.writetimeout", Long.toString(timeout));
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
        if (!properties.smtp().configured()) {
            throw new DeliveryException("no mail server: set CODERUNNER_SMTP_HOST", false);
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.smtp().from());
        message.setTo(channel.settings().get("to").split(","));
        message.setSubject("[CodeRunner] " + n.title());
        message.setText(n.text());
        try {
            mail.send(message);
        } catch (MailAuthenticationException e) {
            throw new DeliveryException("the mail server refused the login", e, false);
        } catch (MailSendException e) {
            throw new DeliveryException("the mail server did not take the message: " + e.getMessage(), e, true);
        } catch (MailException e) {
            throw new DeliveryException("mail failed: " + e.getMessage(), e, true);
        }
    }
}
