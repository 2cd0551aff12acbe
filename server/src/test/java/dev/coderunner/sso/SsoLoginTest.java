package dev.coderunner.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.CookieBrowser;
import dev.coderunner.testsupport.IdentityTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sign-in with OpenID Connect against no.nav's mock-oauth2-server: account matching, sign-up modes, sessions. */
class SsoLoginTest extends IdentityTest {

    static String unique(String word) {
        return word + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** Walks the whole sign-in from the login page's button to the dashboard; returns where it ended. */
    CookieBrowser.Visit signIn(CookieBrowser browser, String start) {
        return browser.open(start);
    }

    JsonNode profile(CookieBrowser browser) {
        String token = browser.accessToken();
        assertThat(token).as("a dashboard session after sign-in").isNotNull();
        return new Api(port).withToken(token).get("/api/v1/auth/profile").json();
    }

    @Test
    void loginPageListsTheConfiguredProvidersWithoutLogin() {
        Api anonymous = new Api(port);
        Api.Answer a = anonymous.get("/api/v1/auth/sso/providers");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("items").get(0).get("id").asString()).isEqualTo("oidc");
        assertThat(a.json().get("items").get(0).get("name").asString()).isEqualTo("Test IdP");
        assertThat(a.json().get("items").get(0).get("loginUrl").asString()).isEqualTo("/oauth2/authorization/oidc");
        assertThat(a.json().get("signup").asString()).isEqualTo("invitation-only");
    }

    @Test
    void firstLoginCreatesAViewerAndTheNextLoginIsTheSameUser() {
        signup("viewer");
        String subject = unique("sub");
        String email = unique("newcomer") + "@example.com";
        nextSignIn(subject, Map.of("email", email, "email_verified", true, "preferred_username", "newcomer"));

        CookieBrowser browser = new CookieBrowser(port);
        CookieBrowser.Visit end = signIn(browser, "/oauth2/authorization/oidc");

        assertThat(end.uri().getPath()).isEqualTo("/");
        assertThat(end.query("sso_error")).isNull();
        JsonNode me = profile(browser);
        assertThat(me.get("role").asString()).isEqualTo("viewer");
        assertThat(me.get("username").asString()).startsWith("newcomer");
        // The HTTP session used for the OAuth state is gone; the dashboard session is the refresh cookie.
        assertThat(browser.hasCookie("cr_refresh")).isTrue();

        // A viewer reads but cannot change anything.
        Api viewer = new Api(port).withToken(browser.accessToken());
        assertThat(viewer.post("/api/v1/apps", Map.of("name", unique("nope"))).status()).isEqualTo(403);

        nextSignIn(subject, Map.of("email", email, "email_verified", true));
        CookieBrowser again = new CookieBrowser(port);
        signIn(again, "/oauth2/authorization/oidc");
        assertThat(profile(again).get("id").asString()).isEqualTo(me.get("id").asString());
    }

    @Test
    void invitationOnlyRefusesSomeoneUninvitedAndCreatesNoAccount() {
        String email = unique("stranger") + "@example.com";
        nextSignIn(unique("sub"), Map.of("email", email, "email_verified", true, "preferred_username", "stranger-x"));

        CookieBrowser browser = new CookieBrowser(port);
        CookieBrowser.Visit end = signIn(browser, "/oauth2/authorization/oidc");

        assertThat(end.uri().getPath()).isEqualTo("/login");
        assertThat(end.query("sso_error")).contains("no CodeRunner account or invitation for " + email);
        assertThat(browser.accessToken()).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void anInvitedEmailGetsTheInvitationsRole() {
        String email = unique("invitee") + "@example.com";
        Api.Answer invited = api.post("/api/v1/invitations", Map.of("email", email, "role", "developer"));
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        nextSignIn(unique("sub"), Map.of("email", email, "email_verified", true));

        CookieBrowser browser = new CookieBrowser(port);
        signIn(browser, "/oauth2/authorization/oidc");

        JsonNode me = profile(browser);
        assertThat(me.get("role").asString()).isEqualTo("developer");
        JsonNode invitation = findInvitation(email);
        assertThat(invitation.get("status").asString()).isEqualTo("accepted");
    }

    @Test
    void anUnverifiedEmailMatchesNoInvitation() {
        String email = unique("unverified") + "@example.com";
        api.post("/api/v1/invitations", Map.of("email", email, "role", "admin"));
        nextSignIn(unique("sub"), Map.of("email", email, "email_verified", false));

        CookieBrowser.Visit end = signIn(new CookieBrowser(port), "/oauth2/authorization/oidc");

        assertThat(end.query("sso_error")).contains("no verified e-mail");
        assertThat(findInvitation(email).get("status").asString()).isEqualTo("pending");
    }

    @Test
    void signingInFromAnInvitationLinkUsesThatInvitationWhateverTheProvidersEmail() {
        String email = unique("linked") + "@example.com";
        String link = api.post("/api/v1/invitations", Map.of("email", email, "role", "operator")).json().get("link").asString();
        String token = link.substring(link.indexOf("#token=") + 7);
        nextSignIn(unique("sub"), Map.of("email", "personal-" + email, "email_verified", true));

        CookieBrowser browser = new CookieBrowser(port);
        signIn(browser, "/oauth2/authorization/oidc?invitation=" + token);

        assertThat(profile(browser).get("role").asString()).isEqualTo("operator");
        assertThat(findInvitation(email).get("status").asString()).isEqualTo("accepted");
    }

    @Test
    void aVerifiedEmailLinksToTheExistingAccountWithThatEmail() {
        signup("viewer");
        String email = unique("existing") + "@example.com";
        String link = api.post("/api/v1/invitations", Map.of("email", email, "role", "developer")).json().get("link").asString();
        Api.Answer accepted = new Api(port).post("/api/v1/invitations/accept",
                Map.of("token", link.substring(link.indexOf("#token=") + 7), "username", unique("dev"), "password", "long-enough-1"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);

        nextSignIn(unique("sub"), Map.of("email", email, "email_verified", true));
        CookieBrowser browser = new CookieBrowser(port);
        signIn(browser, "/oauth2/authorization/oidc");

        JsonNode me = profile(browser);
        assertThat(me.get("id").asString()).isEqualTo(accepted.json().get("id").asString());
        assertThat(me.get("role").asString()).isEqualTo("developer");
    }

    @Test
    void anUnknownProviderAndACancelledSignInEndOnTheLoginPageWithAMessage() {
        CookieBrowser browser = new CookieBrowser(port);
        CookieBrowser.Visit unknown = browser.open("/oauth2/authorization/nope");
        assertThat(unknown.uri().getPath()).isEqualTo("/login");
        assertThat(unknown.query("sso_error")).contains("not configured");

        CookieBrowser.Visit cancelled = browser.open("/login/oauth2/code/oidc?error=access_denied&state=whatever");
        assertThat(cancelled.uri().getPath()).isEqualTo("/login");
        assertThat(cancelled.query("sso_error")).isNotBlank();
        assertThat(browser.accessToken()).isNull();
    }

    private JsonNode findInvitation(String email) {
        for (JsonNode i : api.get("/api/v1/invitations").json().get("items")) {
            if (i.get("email").asString().equals(email)) {
                return i;
            }
        }
        throw new AssertionError("no invitation for " + email);
    }
}
