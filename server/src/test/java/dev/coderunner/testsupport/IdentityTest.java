package dev.coderunner.testsupport;

import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for identity tests: the control plane with a generic OpenID Connect provider (no.nav's
 * mock-oauth2-server, in this JVM on a random port) and an SMTP server (GreenMail, random port). Both run
 * for the whole test JVM, like the Spring context that uses them, and stop with it.
 */
public abstract class IdentityTest extends ControlPlaneTest {

    public static final String CLIENT_ID = "coderunner-test";
    public static final String ISSUER_ID = "default";
    protected static final MockOAuth2Server OIDC = startOidc();
    protected static final GreenMail SMTP = startSmtp();

    @Autowired
    protected ConfigurableEnvironment environment;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry r) {
        r.add("CODERUNNER_OIDC_ISSUER", () -> OIDC.issuerUrl(ISSUER_ID).toString());
        r.add("CODERUNNER_OIDC_CLIENT_ID", () -> CLIENT_ID);
        r.add("CODERUNNER_OIDC_CLIENT_SECRET", () -> "test-secret");
        r.add("CODERUNNER_OIDC_NAME", () -> "Test IdP");
        r.add("CODERUNNER_SMTP_HOST", () -> "127.0.0.1");
        r.add("CODERUNNER_SMTP_PORT", () -> SMTP.getSmtp().getPort());
        r.add("CODERUNNER_SMTP_TLS", () -> "none");
        r.add("CODERUNNER_SMTP_FROM", () -> "coderunner@test.example");
        r.add("coderunner.auth.device-poll-interval", () -> "1s");
    }

    @BeforeEach
    void defaultSignup() {
        signup("invitation-only");
    }

    /** Switches {@code CODERUNNER_SSO_SIGNUP} for this test (it is read on every sign-in). */
    protected void signup(String mode) {
        environment.getPropertySources().remove("identity-test");
        environment.getPropertySources().addFirst(new MapPropertySource("identity-test", Map.of("CODERUNNER_SSO_SIGNUP", mode)));
    }

    /** The next sign-in at the provider will be {@code subject} with these claims. */
    protected static void nextSignIn(String subject, Map<String, Object> claims) {
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    private static MockOAuth2Server startOidc() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }
}
