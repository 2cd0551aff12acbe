package dev.coderunner.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;

/**
 * An environment holds at most 20 waiting deployments (coderunner.deploy.max-queued-per-environment): one more is
 * refused with 429 and changes nothing; cancelling a waiting one makes room; an upload is not held back by the
 * builds it replaces.
 */
class DeploymentQueueLimitTest extends ControlPlaneTest {

    private static final String APP = "queue-limit";
    private static final String ENV = "/api/v1/apps/" + APP + "/envs/production";

    @Test
    void aFullQueueRefusesMoreUntilOneLeavesIt() {
        String first = deploy(APP, Archives.tarGz().file("Procfile", "web: python3 -m http.server $PORT --bind 127.0.0.1\n").bytes());
        assertThat(awaitDeployment(first).get("status").asString()).as(deploymentLog(first)).isEqualTo("succeeded");

        // A slow build holds the queue while the restarts line up behind it.
        String slow = upload("sleep 20 && exit 3");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(slow).equals("building"));
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api.Answer r = api.post(ENV + "/actions/restart", Map.of());
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            waiting.add(r.json().get("id").asString());
        }
        int before = deploymentCount();

        Api.Answer refused = api.post(ENV + "/actions/restart", Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).endsWith("too-many-queued-deployments");
        assertThat(refused.json().get("detail").asString()).contains("20 deployments waiting");
        assertThat(api.post(ENV + "/rollback", Map.of("release", 1)).status()).isEqualTo(429);
        assertThat(deploymentCount()).as("a refused deployment leaves no trace").isEqualTo(before);

        assertThat(api.post("/api/v1/deployments/" + waiting.removeLast() + "/cancel", Map.of()).status()).isEqualTo(202);
        Api.Answer again = api.post(ENV + "/actions/restart", Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        waiting.add(again.json().get("id").asString());

        // Cancel everything so the environment is free again (each cancelled one ends at once when its turn comes).
        for (String id : waiting) {
            api.post("/api/v1/deployments/" + id + "/cancel", Map.of());
        }
        api.post("/api/v1/deployments/" + slow + "/cancel", Map.of());
        awaitDeployment(waiting.getLast());
        api.delete("/api/v1/apps/" + APP);
    }

    private String upload(String buildCommand) {
        byte[] archive = Archives.tarGz().file("Procfile", "web: sleep 60").file("coderunner.yaml", "build: " + buildCommand + "\n").bytes();
        Api.Answer a = api.upload(ENV + "/deployments", archive, "application/gzip");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json().get("id").asString();
    }

    private String status(String id) {
        return api.get("/api/v1/deployments/" + id).json().get("status").asString();
    }

    private int deploymentCount() {
        return api.get(ENV + "/deployments?limit=100").json().get("items").size();
    }
}
