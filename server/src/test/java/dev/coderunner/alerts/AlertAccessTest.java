package dev.coderunner.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.coderunner.testsupport.Accounts;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;

/**
 * Alerts and channels addressed by id follow the rights on their app: a member may read them, only
 * those who may operate acknowledge, and someone outside the app cannot even tell they exist.
 */
class AlertAccessTest extends ControlPlaneTest {

    @Autowired
    AlertStore alerts;

    @Test
    void alertsAndChannelsByIdAreCheckedAgainstTheirApp() {
        String s = Accounts.suffix();
        Accounts accounts = new Accounts(api, port);
        String app = "alx-" + s;
        accounts.app(app);
        Api viewer = accounts.user("alv-" + s, "viewer");
        Api outsider = accounts.user("alo-" + s, "developer");
        Api developer = accounts.user("ald-" + s, "developer");
        accounts.member(app, "alv-" + s, "viewer");
        accounts.member(app, "ald-" + s, "developer");
        Instant now = Instant.now();
        String id = "alt_access_" + s;
        alerts.insert(new Alert(id, app, "production", "r1", "cpu high", false, "warning", "cpu_percent", 80.0, 95.0, "cpu 95 > 80",
                Alert.FIRING, now, now, null, null, null, false, List.of()));
        String channel = api.post("/api/v1/apps/" + app + "/alerts/channels",
                Map.of("name", "hook", "type", "webhook", "url", "http://127.0.0.1:9/hook")).json().get("id").asString();

        assertThat(viewer.get("/api/v1/alerts/" + id).status()).isEqualTo(200);
        assertThat(viewer.post("/api/v1/alerts/" + id + "/ack", Map.of()).status()).isEqualTo(403);
        assertThat(outsider.get("/api/v1/alerts/" + id).status()).isEqualTo(404);
        assertThat(outsider.post("/api/v1/alerts/" + id + "/ack", Map.of()).status()).isEqualTo(404);
        assertThat(developer.post("/api/v1/alerts/" + id + "/ack", Map.of()).status()).isEqualTo(200);

        assertThat(viewer.get("/api/v1/alerts").body()).contains(id);
        assertThat(outsider.get("/api/v1/alerts").body()).doesNotContain(id);
        assertThat(outsider.get("/api/v1/alerts?app=" + app).status()).isEqualTo(404);

        assertThat(viewer.get("/api/v1/alerts/channels/" + channel).status()).isEqualTo(200);
        assertThat(viewer.delete("/api/v1/alerts/channels/" + channel).status()).isEqualTo(403);
        assertThat(outsider.get("/api/v1/alerts/channels/" + channel).status()).isEqualTo(404);
        assertThat(outsider.delete("/api/v1/alerts/channels/" + channel).status()).isEqualTo(404);
        assertThat(developer.delete("/api/v1/alerts/channels/" + channel).status()).isEqualTo(204);
    }
}
