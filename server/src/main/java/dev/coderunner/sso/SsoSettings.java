package dev.coderunner.sso;

import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Single sign-on configured by environment variables: {@code CODERUNNER_OIDC_GITHUB_CLIENT_ID/_SECRET},
 * {@code CODERUNNER_OIDC_GOOGLE_CLIENT_ID/_SECRET}, {@code CODERUNNER_OIDC_ENTRA_CLIENT_ID/_SECRET/_TENANT},
 * any OpenID Connect issuer with {@code CODERUNNER_OIDC_ISSUER/_CLIENT_ID/_CLIENT_SECRET/_NAME}, and what a
 * first login of someone unknown does: {@code CODERUNNER_SSO_SIGNUP=viewer|invitation-only}.
 */
@Component
class SsoSettings {

    /** What happens when someone signs in for the first time without an account or invitation. */
    enum Signup {
        VIEWER, INVITATION_ONLY;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One provider's client credentials; {@code extra} is the Entra tenant or the generic issuer. */
    record Client(String clientId, String clientSecret, String extra, String name) {
    }

    private final Environment env;

    SsoSettings(Environment env) {
        this.env = env;
    }

    Client github() {
        return client("GITHUB", null, "GitHub");
    }

    Client google() {
        return client("GOOGLE", null, "Google");
    }

    Client entra() {
        return client("ENTRA", value("CODERUNNER_OIDC_ENTRA_TENANT", "organizations"), "Microsoft");
    }

    /** The generic OpenID Connect issuer; its variables have no provider word. */
    Client generic() {
        String issuer = value("CODERUNNER_OIDC_ISSUER", "");
        String id = value("CODERUNNER_OIDC_CLIENT_ID", "");
        if (issuer.isEmpty() || id.isEmpty()) {
            return null;
        }
        return new Client(id, value("CODERUNNER_OIDC_CLIENT_SECRET", ""), issuer, value("CODERUNNER_OIDC_NAME", "Single sign-on"));
    }

    Signup signup() {
        String v = value("CODERUNNER_SSO_SIGNUP", "invitation-only").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "viewer" -> Signup.VIEWER;
            case "invitation-only", "invitation_only", "invitations" -> Signup.INVITATION_ONLY;
            default -> throw new IllegalStateException("CODERUNNER_SSO_SIGNUP must be viewer or invitation-only; got '" + v + "'");
        };
    }

    private Client client(String word, String extra, String name) {
        String id = value("CODERUNNER_OIDC_" + word + "_CLIENT_ID", "");
        if (id.isEmpty()) {
            return null;
        }
        return new Client(id, value("CODERUNNER_OIDC_" + word + "_CLIENT_SECRET", ""), extra, name);
    }

    private String value(String name, String fallback) {
        String v = env.getProperty(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
