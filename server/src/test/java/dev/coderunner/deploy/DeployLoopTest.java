package dev.coderunner.deploy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import dev.coderunner.testsupport.Examples;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The day-one path: deploy the node example, reach it through the router, scale, crash, redeploy, roll back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployLoopTest extends ControlPlaneTest {

    private static final String APP = "loop";

    @Test
    @Order(1)
    void deploysTheNodeExampleAndServesItThroughTheRouter() {
        String id = deploy(APP, Archives.tarGzOf(Examples.dir("node")));
        JsonNode done = awaitDeployment(id);

        assertThat(done.get("status").asString()).as(deploymentLog(id)).isEqualTo("succeeded");
        assertThat(done.get("release").asInt()).isEqualTo(1);
        assertThat(deploymentLog(id)).contains("-----> Building loop/production", "-----> Done: v1 deployed");
        var reply = router.get(APP + ".localhost:8800", "/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("web.1");
        JsonNode env = api.get("/api/v1/apps/" + APP + "/envs/production").json();
        assertThat(env.get("status").asString()).isEqualTo("running");
        assertThat(env.get("currentRelease").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void scalesToThreeAndEveryInstanceAnswers() {
        Api.Answer scaled = api.put("/api/v1/apps/" + APP + "/envs/production/scale", Map.of("web", 3));
        assertThat(scaled.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> healthy(instances(APP)) == 3);
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 30 && answeredBy.size() < 3; i++) {
            String body = router.get(APP + ".localhost", "/").body();
            answeredBy.add(body.replaceAll("(?s).*(web\\.\\d).*", "$1"));
        }
        assertThat(answeredBy).containsExactlyInAnyOrder("web.1", "web.2", "web.3");
    }

    @Test
    @Order(3)
    void restartsACrashedInstance() {
        JsonNode victim = StreamSupport.stream(instances(APP).spliterator(), false)
                .filter(i -> i.get("id").asString().equals("web.2")).findFirst().orElseThrow();
        ProcessHandle shell = ProcessHandle.of(victim.get("pid").asLong()).orElseThrow();
        List<ProcessHandle> children = shell.descendants().toList();
        assertThat(children).as("the app runs under its shell").isNotEmpty();
        shell.destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode web2 = StreamSupport.stream(instances(APP).spliterator(), false)
                    .filter(i -> i.get("id").asString().equals("web.2")).findFirst().orElseThrow();
            return web2.get("restarts").asInt() == 1 && web2.get("state").asString().equals("healthy")
                    && web2.get("pid").asLong() != victim.get("pid").asLong();
        });
        // Nothing of the crashed instance lingers: its whole process group goes with it (SIGTERM, then
        // SIGKILL after the stop grace), so within the grace every child is gone.
        await().atMost(Duration.ofSeconds(20)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aConfigChangeIsANewReleaseAndRollbackRestoresTheOldOne() {
        Api.Answer patched = api.patch("/api/v1/apps/" + APP + "/envs/production/config", Map.of("vars", Map.of("GREETING", "hola")));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("release").asInt()).isEqualTo(2);
        assertThat(awaitDeployment(patched.json().get("deployment").get("id").asString()).get("status").asString()).isEqualTo("succeeded");
        assertThat(router.get(APP + ".localhost", "/").body()).contains("hola");
        assertThat(healthy(instances(APP))).isEqualTo(3);

        Api.Answer rollback = api.post("/api/v1/apps/" + APP + "/envs/production/rollback", Map.of("release", 1));
        assertThat(rollback.status()).isEqualTo(202);
        JsonNode done = awaitDeployment(rollback.json().get("id").asString());

        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("release").asInt()).isEqualTo(3);
        assertThat(router.get(APP + ".localhost", "/").body()).doesNotContain("hola");
        JsonNode releases = api.get("/api/v1/apps/" + APP + "/envs/production/releases").json().get("items");
        assertThat(releases.get(0).get("version").asInt()).isEqualTo(3);
        assertThat(releases.get(0).get("description").asString()).isEqualTo("Rollback to v1");
        assertThat(releases.get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void aFailingBuildLeavesTheRunningReleaseServing() {
        byte[] broken = Archives.tarGz()
                .file("package.json", "{\"name\":\"broken\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"echo compiling && exit 3\",\"start\":\"node x.js\"}}")
                .bytes();
        String id = deploy(APP, broken);
        JsonNode done = awaitDeployment(id);

        assertThat(done.get("status").asString()).isEqualTo("failed");
        assertThat(done.get("reason").asString()).contains("build failed");
        assertThat(deploymentLog(id)).contains("compiling");
        assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/apps/" + APP + "/envs/production").json().get("currentRelease").asInt()).isEqualTo(3);
    }

    @Test
    @Order(6)
    void anAppThatNeverListensIsNotSwitchedIn() {
        byte[] silent = Archives.tarGz().file("coderunner.yaml", """
                processes:
                  web:
                    command: sleep 600
                    health: { grace: 2s }
                """).bytes();
        String id = deploy(APP, silent);
        JsonNode done = awaitDeployment(id);

        assertThat(done.get("status").asString()).isEqualTo("rolled-back");
        assertThat(done.get("reason").asString()).containsPattern("web\\.\\d failed its health check");
        assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(instances(APP).spliterator(), false)
                .allMatch(i -> i.get("release").asInt() == 3));
    }

    @Test
    @Order(7)
    void stopAndStartTheEnvironment() {
        assertThat(api.post("/api/v1/apps/" + APP + "/envs/production/actions/stop", Map.of()).status()).isEqualTo(202);
        assertThat(instances(APP)).isEmpty();
        assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(503);

        assertThat(api.post("/api/v1/apps/" + APP + "/envs/production/actions/start", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy(instances(APP)) == 3);
        assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void deletingTheAppStopsItsInstances() {
        List<Long> pids = StreamSupport.stream(instances(APP).spliterator(), false).map(i -> i.get("pid").asLong()).toList();
        assertThat(api.delete("/api/v1/apps/" + APP).status()).isEqualTo(204);

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(api.get("/api/v1/apps/" + APP).status()).isEqualTo(404);
        assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(404);
    }

    private static long healthy(JsonNode instances) {
        return StreamSupport.stream(instances.spliterator(), false).filter(i -> i.get("state").asString().equals("healthy")).count();
    }
}
