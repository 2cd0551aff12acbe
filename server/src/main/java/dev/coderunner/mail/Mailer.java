package dev.coderunner.mail;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends plain-text e-mail through the SMTP server of {@link MailSettings}. Shared by every capability that
 * mails (invitations, alert notifications): each builds its own message text and calls {@link #send}.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final String TIMEOUT_MS = "15000";

    private final MailSettings settings;
    private final JavaMailSenderImpl sender;

    Mailer(MailSettings settings) {
        this.settings = settings;
        this.sender = settings.configured() ? sender(settings) : null;
    }

    /** Whether an SMTP server is configured; when not, {@link #send} refuses. */
    public boolean configured() {
        return sender != null;
    }

    /** Sends one message now; throws {@link MailFailure} with a reason fit to show an admin. */
    public void send(String to, String subject, String text) {
        if (sender == null) {
            throw new MailFailure("no SMTP server is configured (set CODERUNNER_SMTP_HOST)");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(new InternetAddress(settings.from()));
            helper.setTo(new InternetAddress(to, true));
            helper.setSubject(subject);
            helper.setText(text, false);
            sender.send(message);
        } catch (MessagingException | MailException e) {
            // The reason goes to the log in full; the caller gets one line without server internals.
            log.warn("Could not send mail '{}' via {}:{}: {}", subject, settings.host(), settings.port(), e.toString());
            throw new MailFailure("the SMTP server " + settings.host() + ":" + settings.port() + " did not accept the message");
        }
    }

    /** A message that could not be sent. */
    public static final class MailFailure extends RuntimeException {
        MailFailure(String message) {
            super(message);
        }
    }

    private static JavaMailSenderImpl sender(MailSettings s) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(s.host());
        sender.setPort(s.port());
        sender.setDefaultEncoding("UTF-8");
        if (!s.user().isBlank()) {
            sender.setUsername(s.user());
            sender.setPassword(s.password());
        }
        Properties p = sender.getJavaMailProperties();
        String protocol = s.tls() == MailSettings.Tls.IMPLICIT ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        p.put("mail." + protocol + ".auth", String.valueOf(!s.user().isBlank()));
        p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        if (s.tls() == MailSettings.Tls.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (s.tls() != MailSettings.Tls.NONE) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return sender;
    }
}
