package dev.coderunner.deploy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import dev.coderunner.testsupport.Fixture;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** New releases get traffic only once healthy; a release that is not is rolled back on its own, with the reason. */
@TestPropertySource(properties = {
        "coderunner.deploy.ready-timeout=15s",
        "coderunner.runtime.unhealthy-restart-after=3s",
        "coderunner.runtime.crash-loop-restarts=3",
        "coderunner.runtime.crash-loop-window=1m",
        "coderunner.runtime.max-backoff=2s"})
class HealthGatedDeployTest extends ControlPlaneTest {

    @Test
    void aHealthyAppIsSwitchedInWithItsHealthHistory() {
        JsonNode done = awaitDeployment(deploy("healthy", Fixture.archive(Map.of("VERSION", "one"))));

        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(java.util.stream.StreamSupport.stream(done.get("phases").spliterator(), false).map(p -> p.get("phase").asString()))
                .containsExactly("queued", "building", "starting", "health-checking", "switching", "succeeded");
        JsonNode web = instances("healthy").get(0);
        assertThat(web.get("state").asString()).isEqualTo("healthy");
        assertThat(web.get("history").toString()).contains("\"to\":\"healthy\"");
        assertThat(router.get("healthy.localhost", "/").body()).contains("fixture web.1 v1 one");
    }

    @Test
    void aReleaseThatNeverGetsHealthyIsRolledBackAndThePreviousKeepsServing() {
        assertThat(awaitDeployment(deploy("never", Fixture.archive(Map.of("VERSION", "good")))).get("status").asString()).isEqualTo("succeeded");

        JsonNode done = awaitDeployment(deploy("never", Fixture.archive(Map.of("VERSION", "bad", "UNHEALTHY_AFTER_MS", "1"))));

        assertThat(done.get("status").asString()).isEqualTo("rolled-back");
        assertThat(done.get("reason").asString()).contains("failed its health check").contains("500");
        assertThat(router.get("never.localhost", "/").body()).contains("good");
        await().atMost(Duration.ofSeconds(10)).until(() -> allOfRelease(instances("never"), 1));
        assertThat(api.get("/api/v1/apps/never/envs/production").json().get("currentRelease").asInt()).isEqualTo(1);
    }

    @Test
    void aSlowStarterWithinItsGraceSucceeds() {
        // Failing checks would mark it unhealthy after 0.6 s; the grace is wide so that a slow node start on a busy CI machine fits.
        JsonNode done = awaitDeployment(deploy("slow", Fixture.archive(Map.of("START_DELAY_MS", "2000"), "10s")));
        assertThat(done.get("status").asString()).as(deploymentLog(done.get("id").asString())).isEqualTo("succeeded");
    }

    @Test
    void aReleaseThatCrashesAfterStartIsRolledBack() {
        assertThat(awaitDeployment(deploy("crashy", Fixture.archive(Map.of("VERSION", "good")))).get("status").asString()).isEqualTo("succeeded");

        JsonNode done = awaitDeployment(deploy("crashy", Fixture.archive(Map.of("START_DELAY_MS", "1500", "CRASH_AFTER_MS", "300", "EXIT_CODE", "7"))));

        assertThat(done.get("status").asString()).isEqualTo("rolled-back");
        assertThat(done.get("reason").asString()).contains("exited with code 7");
        assertThat(deploymentLog(done.get("id").asString())).contains("v1 is serving again");
        assertThat(router.get("crashy.localhost", "/").body()).contains("good");
    }

    @Test
    void aCrashLoopingWorkerIsFlaggedWithItsExitCode() {
        // The worker lives 5 s each time: long enough for the web process to get healthy first on a busy CI machine
        // (a crash during the rollout would fail the deployment), short enough for three crashes within the await.
        JsonNode done = awaitDeployment(deploy("loopy", Fixture.archive(Map.of(), true, Map.of("CRASH_AFTER_MS", "5000", "EXIT_CODE", "3"))));
        assertThat(done.get("status").asString()).as(deploymentLog(done.get("id").asString())).isEqualTo("succeeded");

        await().atMost(Duration.ofSeconds(45)).until(() -> worker("loopy").get("crashLoop").asBoolean());
        JsonNode worker = worker("loopy");
        assertThat(worker.get("restarts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(worker.get("lastExitCode").asInt()).isEqualTo(3);
        assertThat(worker.get("reason").asString()).contains("crash loop");
    }

    @Test
    void aFlappingInstanceLeavesAndRejoinsTheRouterAndAStuckOneIsRestarted() {
        assertThat(awaitDeployment(deploy("flappy", Fixture.archive(Map.of("FLAP_MS", "1500")))).get("status").asString()).isEqualTo("succeeded");

        await().atMost(Duration.ofSeconds(10)).until(() -> instances("flappy").get(0).get("state").asString().equals("unhealthy"));
        assertThat(router.get("flappy.localhost", "/").status()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(10)).until(() -> instances("flappy").get(0).get("state").asString().equals("healthy"));
        assertThat(router.get("flappy.localhost", "/").status()).isEqualTo(200);

        assertThat(awaitDeployment(deploy("stuck", Fixture.archive(Map.of("UNHEALTHY_AFTER_MS", "5000")))).get("status").asString())
                .isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(30)).until(() -> instances("stuck").get(0).get("restarts").asInt() >= 1);
        assertThat(instances("stuck").get(0).get("history").toString()).contains("restarting");
    }

    @Test
    void aRunningDeploymentCanBeCancelledAndQueuedOnesAreSuperseded() {
        assertThat(awaitDeployment(deploy("cancel", Fixture.archive(Map.of("VERSION", "good")))).get("status").asString()).isEqualTo("succeeded");

        String slow = deploy("cancel", Fixture.archive(Map.of("NEVER_LISTEN", "1")));
        String queued = deploy("cancel", Fixture.archive(Map.of("VERSION", "queued")));
        String newest = deploy("cancel", Fixture.archive(Map.of("VERSION", "newest")));
        assertThat(api.get("/api/v1/deployments/" + queued).json().get("status").asString()).isEqualTo("cancelled");
        assertThat(api.get("/api/v1/deployments/" + queued).json().get("reason").asString()).isEqualTo("superseded by " + newest);

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/deployments/" + slow).json().get("status").asString().equals("health-checking"));
        Api.Answer cancel = api.post("/api/v1/deployments/" + slow + "/cancel", Map.of());
        assertThat(cancel.status()).isEqualTo(202);
        JsonNode cancelled = awaitDeployment(slow);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("reason").asString()).isEqualTo("cancelled by admin");
        assertThat(api.post("/api/v1/deployments/" + slow + "/cancel", Map.of()).status()).isEqualTo(409);

        assertThat(awaitDeployment(newest).get("status").asString()).isEqualTo("succeeded");
        assertThat(router.get("cancel.localhost", "/").body()).contains("newest");
    }

    private JsonNode worker(String app) {
        return StreamSupport.stream(instances(app).spliterator(), false).filter(i -> i.get("processType").asString().equals("worker"))
                .findFirst().orElseThrow();
    }

    private static boolean allOfRelease(JsonNode instances, int release) {
        return StreamSupport.stream(instances.spliterator(), false).allMatch(i -> i.get("release").asInt() == release);
    }
}
