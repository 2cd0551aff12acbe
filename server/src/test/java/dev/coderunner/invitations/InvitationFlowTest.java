package dev.coderunner.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.IdentityTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Invitations end to end: the admin's API, the e-mail (GreenMail), the link, single use and expiry. */
class InvitationFlowTest extends IdentityTest {

    static final Pattern LINK = Pattern.compile("(http://\\S+/invite#token=(\\S+))");

    static String unique(String word) {
        return word + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** Waits for the invitation e-mail to {@code email} and returns the link in it. */
    static String linkMailedTo(String email) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(email)) {
                    assertThat(m.getSubject()).isEqualTo("You are invited to CodeRunner");
                    assertThat(m.getFrom()[0].toString()).isEqualTo("coderunner@test.example");
                    Matcher link = LINK.matcher(String.valueOf(m.getContent()));
                    assertThat(link.find()).as("a link in: " + m.getContent()).isTrue();
                    return link.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no e-mail to " + email);
    }

    static String token(String link) {
        return link.substring(link.indexOf("#token=") + 7);
    }

    @Test
    void theInviteeGetsAnEmailWhoseLinkCreatesTheAccountWithRoleOnce() throws Exception {
        String app = unique("inv-app");
        api.post("/api/v1/apps", Map.of("name", app));
        String email = unique("dana") + "@example.com";

        Api.Answer created = api.post("/api/v1/invitations", Map.of("email", email.toUpperCase(), "role", "developer",
                "memberships", List.of(Map.of("app", app, "role", "developer"))));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("emailSent").asBoolean()).isTrue();
        assertThat(created.json().get("email").asString()).isEqualTo(email);
        assertThat(created.json().get("status").asString()).isEqualTo("pending");
        String link = linkMailedTo(email);
        assertThat(link).isEqualTo(created.json().get("link").asString());
        // Only a hash of the link's token is stored.
        assertThat(jdbc.sql("SELECT token_hash FROM invitations WHERE id = ?").param(created.json().get("id").asString())
                .query(String.class).single()).doesNotContain(token(link)).hasSize(64);

        Api anonymous = new Api(port);
        JsonNode lookup = anonymous.post("/api/v1/invitations/lookup", Map.of("token", token(link))).json();
        assertThat(lookup.get("email").asString()).isEqualTo(email);
        assertThat(lookup.get("role").asString()).isEqualTo("developer");
        assertThat(lookup.get("memberships").get(0).get("app").asString()).isEqualTo(app);

        String username = unique("dana");
        Api.Answer accepted = anonymous.post("/api/v1/invitations/accept",
                Map.of("token", token(link), "username", username, "password", "a-good-password"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.header("Set-Cookie")).startsWith("cr_refresh=").contains("HttpOnly");
        JsonNode me = new Api(port).login(username, "a-good-password").get("/api/v1/auth/profile").json();
        assertThat(me.get("role").asString()).isEqualTo("developer");

        Api.Answer again = anonymous.post("/api/v1/invitations/accept",
                Map.of("token", token(link), "username", unique("mallory"), "password", "a-good-password"));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.json().get("type").asString()).isEqualTo("invitation-accepted");
        assertThat(anonymous.post("/api/v1/invitations/lookup", Map.of("token", token(link))).status()).isEqualTo(410);
    }

    @Test
    void anExpiredLinkIsRefusedAndCreatesNoAccount() throws Exception {
        String email = unique("late") + "@example.com";
        String id = api.post("/api/v1/invitations", Map.of("email", email, "role", "viewer")).json().get("id").asString();
        String link = linkMailedTo(email);
        jdbc.sql("UPDATE invitations SET expires_at = ? WHERE id = ?").params(Timestamp.from(Instant.now().minusSeconds(1)), id).update();

        String username = unique("late");
        Api.Answer a = new Api(port).post("/api/v1/invitations/accept", Map.of("token", token(link), "username", username, "password", "a-good-password"));

        assertThat(a.status()).isEqualTo(410);
        assertThat(a.json().get("type").asString()).isEqualTo("invitation-expired");
        assertThat(a.json().get("detail").asString()).contains("expired");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?").param(username).query(Long.class).single()).isZero();
        assertThat(statusOf(id)).isEqualTo("expired");
    }

    @Test
    void aRevokedLinkIsRefused() throws Exception {
        String email = unique("revoked") + "@example.com";
        String id = api.post("/api/v1/invitations", Map.of("email", email, "role", "viewer")).json().get("id").asString();
        String link = linkMailedTo(email);

        assertThat(api.delete("/api/v1/invitations/" + id).status()).isEqualTo(204);

        Api.Answer a = new Api(port).post("/api/v1/invitations/accept", Map.of("token", token(link), "username", unique("r"), "password", "a-good-password"));
        assertThat(a.status()).isEqualTo(410);
        assertThat(a.json().get("type").asString()).isEqualTo("invitation-revoked");
        assertThat(api.delete("/api/v1/invitations/" + id).status()).isEqualTo(409);
    }

    @Test
    void badInputIsRefusedWithProblemsAndChangesNothing() {
        long before = jdbc.sql("SELECT COUNT(*) FROM invitations").query(Long.class).single();
        assertThat(api.post("/api/v1/invitations", Map.of("email", "not-an-address", "role", "viewer")).json().get("type").asString())
                .isEqualTo("invalid-email");
        assertThat(api.post("/api/v1/invitations", Map.of("email", unique("x") + "@example.com", "role", "emperor")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/invitations", Map.of("email", unique("x") + "@example.com", "role", "viewer",
                "memberships", List.of(Map.of("app", "no-such-app", "role", "developer")))).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/invitations", Map.of("email", unique("x") + "@example.com", "role", "viewer",
                "expiresInHours", 24 * 365)).status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invitations").query(Long.class).single()).isEqualTo(before);

        Api anonymous = new Api(port);
        assertThat(anonymous.post("/api/v1/invitations/lookup", Map.of("token", "made-up")).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/invitations").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/invitations", Map.of("email", "a@b.cd", "role", "admin")).status()).isEqualTo(401);
    }

    @Test
    void onlyAdminsManageInvitations() throws Exception {
        String email = unique("op") + "@example.com";
        String link = api.post("/api/v1/invitations", Map.of("email", email, "role", "operator")).json().get("link").asString();
        String username = unique("op");
        new Api(port).post("/api/v1/invitations/accept", Map.of("token", token(link), "username", username, "password", "a-good-password"));
        Api operator = new Api(port).login(username, "a-good-password");

        assertThat(operator.get("/api/v1/invitations").status()).isEqualTo(403);
        assertThat(operator.post("/api/v1/invitations", Map.of("email", unique("x") + "@example.com", "role", "admin")).status())
                .isEqualTo(403);
    }

    @Test
    void aTooShortPasswordOrTakenUsernameLeavesTheInvitationPending() throws Exception {
        String email = unique("eve") + "@example.com";
        Api.Answer created = api.post("/api/v1/invitations", Map.of("email", email, "role", "viewer"));
        String t = token(created.json().get("link").asString());
        Api anonymous = new Api(port);

        assertThat(anonymous.post("/api/v1/invitations/accept", Map.of("token", t, "username", unique("eve"), "password", "short"))
                .json().get("type").asString()).isEqualTo("invalid-password");
        assertThat(anonymous.post("/api/v1/invitations/accept", Map.of("token", t, "username", "admin", "password", "a-good-password"))
                .json().get("type").asString()).isEqualTo("user-exists");
        assertThat(statusOf(created.json().get("id").asString())).isEqualTo("pending");
    }

    private String statusOf(String id) {
        for (JsonNode i : api.get("/api/v1/invitations").json().get("items")) {
            if (i.get("id").asString().equals(id)) {
                return i.get("status").asString();
            }
        }
        throw new AssertionError("no invitation " + id);
    }
}
