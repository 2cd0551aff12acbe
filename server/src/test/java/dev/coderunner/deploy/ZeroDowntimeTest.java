package dev.coderunner.deploy;

import java.time.Duration;
import java.util.Map;

import dev.coderunner.testsupport.ControlPlaneTest;
import dev.coderunner.testsupport.Fixture;
import dev.coderunner.testsupport.LoadClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steady traffic (≥ 200 requests/s over keep-alive connections) through the router while the app is
 * redeployed rolling, then blue-green, then rolled back: not one 5xx, reset or timeout.
 */
class ZeroDowntimeTest extends ControlPlaneTest {

    @Test
    void noRequestFailsAcrossRollingBlueGreenAndRollback() throws Exception {
        assertThat(awaitDeployment(deploy("steady", Fixture.archive(Map.of("VERSION", "one")))).get("status").asString()).isEqualTo("succeeded");
        assertThat(api.put("/api/v1/apps/steady/envs/production/scale", Map.of("web", 2)).status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> router.get("steady.localhost", "/").status() == 200
                && instances("steady").size() == 2 && instances("steady").get(1).get("state").asString().equals("healthy"));

        long before;
        try (LoadClient load = new LoadClient(routerServer.port(), "steady.localhost", 4, 60)) {
            Thread.sleep(1000);
            before = load.ok();
            assertThat(awaitDeployment(deploy("steady", Fixture.archive(Map.of("VERSION", "two")))).get("status").asString()).isEqualTo("succeeded");

            String blueGreen = upload("steady", Fixture.archive(Map.of("VERSION", "three")), "blue-green");
            assertThat(awaitDeployment(blueGreen).get("status").asString()).isEqualTo("succeeded");
            assertThat(awaitDeployment(blueGreen).get("strategy").asString()).isEqualTo("blue-green");

            String rollback = api.post("/api/v1/apps/steady/envs/production/rollback", Map.of("release", 1)).json().get("id").asString();
            assertThat(awaitDeployment(rollback).get("status").asString()).isEqualTo("succeeded");
            Thread.sleep(500);
            load.close();

            assertThat(load.failures()).as("failed answers during the deploys").isEmpty();
            assertThat(load.ok() - before).as("answers during the deploys").isGreaterThan(1000);
        }
        assertThat(router.get("steady.localhost", "/").body()).contains("one");
    }

    private String upload(String app, byte[] archive, String strategy) {
        var a = api.upload("/api/v1/apps/" + app + "/envs/production/deployments?strategy=" + strategy, archive, "application/gzip");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json().get("id").asString();
    }
}
