package dev.coderunner.devicelogin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.IdentityTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The CLI's browser-less login: start, poll (pending, too fast), approve in a session, token once, logout. */
class DeviceLoginTest extends IdentityTest {

    @Test
    void anApprovedCodeGivesTheCliAnApiTokenOfTheApproverOnce() throws Exception {
        Api cli = new Api(port);
        JsonNode started = cli.post("/api/v1/auth/device", Map.of("clientName", "laptop")).json();
        String deviceCode = started.get("deviceCode").asString();
        String userCode = started.get("userCode").asString();
        assertThat(userCode).matches("[A-Z]{4}-[A-Z]{4}");
        assertThat(started.get("verificationUriComplete").asString()).endsWith("/device?code=" + userCode);
        assertThat(started.get("interval").asLong()).isEqualTo(1);

        Api.Answer pending = cli.post("/api/v1/auth/device/token", Map.of("deviceCode", deviceCode));
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.json().get("type").asString()).isEqualTo("authorization-pending");
        Api.Answer tooFast = cli.post("/api/v1/auth/device/token", Map.of("deviceCode", deviceCode));
        assertThat(tooFast.json().get("type").asString()).isEqualTo("slow-down");

        // The person types the code in lower case without the dash: still found.
        JsonNode shown = api.post("/api/v1/auth/device/lookup", Map.of("userCode", userCode.replace("-", "").toLowerCase())).json();
        assertThat(shown.get("clientName").asString()).isEqualTo("laptop");
        assertThat(api.post("/api/v1/auth/device/approve", Map.of("userCode", userCode)).status()).isEqualTo(200);

        Thread.sleep(600); // half the poll interval, so this poll is not "too fast"
        Api.Answer issued = cli.post("/api/v1/auth/device/token", Map.of("deviceCode", deviceCode));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String token = issued.json().get("accessToken").asString();
        assertThat(token).startsWith("cr_");
        assertThat(issued.json().get("username").asString()).isEqualTo("admin");

        JsonNode me = new Api(port).withToken(token).get("/api/v1/auth/profile").json();
        assertThat(me.get("username").asString()).isEqualTo("admin");
        assertThat(cli.post("/api/v1/auth/device/token", Map.of("deviceCode", deviceCode)).json().get("type").asString())
                .isEqualTo("invalid-device-code");
        assertThat(api.post("/api/v1/auth/device/lookup", Map.of("userCode", userCode)).status()).isEqualTo(404);

        // The CLI's logout revokes its own token.
        Api loggedIn = new Api(port).withToken(token);
        assertThat(loggedIn.delete("/api/v1/auth/token").status()).isEqualTo(204);
        assertThat(loggedIn.get("/api/v1/auth/profile").status()).isEqualTo(401);
    }

    @Test
    void aDeniedCodeEndsTheLoginAndAnExpiredOneIsRefused() {
        Api cli = new Api(port);
        JsonNode started = cli.post("/api/v1/auth/device", Map.of()).json();
        assertThat(api.post("/api/v1/auth/device/deny", Map.of("userCode", started.get("userCode").asString())).status()).isEqualTo(204);
        assertThat(cli.post("/api/v1/auth/device/token", Map.of("deviceCode", started.get("deviceCode").asString())).json()
                .get("type").asString()).isEqualTo("access-denied");

        JsonNode late = cli.post("/api/v1/auth/device", Map.of()).json();
        jdbc.sql("UPDATE device_logins SET expires_at = created_at WHERE user_code = ?").param(late.get("userCode").asString()).update();
        assertThat(api.post("/api/v1/auth/device/approve", Map.of("userCode", late.get("userCode").asString())).status()).isEqualTo(404);
        assertThat(cli.post("/api/v1/auth/device/token", Map.of("deviceCode", late.get("deviceCode").asString())).json()
                .get("type").asString()).isEqualTo("expired-token");
    }

    @Test
    void approvingNeedsALoginAndAJwtSessionCannotBeRevokedAsAToken() {
        Api anonymous = new Api(port);
        JsonNode started = anonymous.post("/api/v1/auth/device", Map.of()).json();
        assertThat(anonymous.post("/api/v1/auth/device/approve", Map.of("userCode", started.get("userCode").asString())).status())
                .isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/device/token", Map.of("deviceCode", "made-up")).json().get("type").asString())
                .isEqualTo("invalid-device-code");
        assertThat(api.delete("/api/v1/auth/token").json().get("type").asString()).isEqualTo("not-an-api-token");
    }
}
