package dev.coderunner.mail;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * SMTP settings from the environment: {@code CODERUNNER_SMTP_HOST}, {@code _PORT}, {@code _USER},
 * {@code _PASSWORD}, {@code _FROM} and {@code _TLS}. Mail is off while no host is set.
 * {@code _TLS} is {@code starttls} (also {@code true}), {@code implicit} (SMTPS, also {@code ssl}) or
 * {@code none} (also {@code false}); when unset it follows the port: 465 implicit, 587 starttls, else none.
 */
@Component
public class MailSettings {

    /** How the connection to the SMTP server is protected. */
    public enum Tls { NONE, STARTTLS, IMPLICIT }

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String from;
    private final Tls tls;

    MailSettings(@Value("${CODERUNNER_SMTP_HOST:}") String host, @Value("${CODERUNNER_SMTP_PORT:587}") int port,
            @Value("${CODERUNNER_SMTP_USER:}") String user, @Value("${CODERUNNER_SMTP_PASSWORD:}") String password,
            @Value("${CODERUNNER_SMTP_FROM:}") String from, @Value("${CODERUNNER_SMTP_TLS:}") String tls) {
        this.host = host.strip();
        this.port = port;
        this.user = user;
        this.password = password;
        this.from = from.isBlank() ? "coderunner@" + (this.host.isEmpty() ? "localhost" : this.host) : from.strip();
        this.tls = parseTls(tls, port);
    }

    public boolean configured() {
        return !host.isEmpty();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public String from() {
        return from;
    }

    public Tls tls() {
        return tls;
    }

    static Tls parseTls(String value, int port) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "" -> port == 465 ? Tls.IMPLICIT : port == 587 ? Tls.STARTTLS : Tls.NONE;
            case "starttls", "true", "yes" -> Tls.STARTTLS;
            case "implicit", "ssl", "smtps" -> Tls.IMPLICIT;
            case "none", "false", "no", "off" -> Tls.NONE;
            default -> throw new IllegalArgumentException(
                    "CODERUNNER_SMTP_TLS must be starttls, implicit or none; got '" + value + "'");
        };
    }
}
