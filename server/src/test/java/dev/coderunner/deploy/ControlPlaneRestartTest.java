package dev.coderunner.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.coderunner.router.RouterServer;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlanes;
import dev.coderunner.testsupport.Examples;
import dev.coderunner.testsupport.Fixture;
import dev.coderunner.testsupport.Router;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping the control plane never stops the apps; the next one re-adopts them and routes to them again. */
class ControlPlaneRestartTest {

    @TempDir
    Path home;

    @Test
    void appsKeepServingAcrossARestartAndAreReadopted() throws Exception {
        long pid;
        int appPort;
        try (ConfigurableApplicationContext first = start(false)) {
            Api api = api(first);
            api.post("/api/v1/apps", Map.of("name", "survivor"));
            String id = api.upload("/api/v1/apps/survivor/envs/production/deployments", Archives.tarGzOf(Examples.dir("node")),
                    "application/gzip").json().get("id").asString();
            await().atMost(Duration.ofMinutes(3)).until(() -> api.get("/api/v1/deployments/" + id).json().get("status").asString().equals("succeeded"));
            JsonNode instance = api.get("/api/v1/apps/survivor/envs/production/instances").json().get("items").get(0);
            pid = instance.get("pid").asLong();
            appPort = instance.get("port").asInt();
        }

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(new Router(appPort).get("localhost", "/").body()).contains("hello from node web.1 v1");

        try (ConfigurableApplicationContext second = start(true)) {
            Api api = api(second);
            Router router = new Router(second.getBean(RouterServer.class).port());
            await().atMost(Duration.ofSeconds(20)).until(() -> router.get("survivor.localhost", "/").status() == 200);
            JsonNode instance = api.get("/api/v1/apps/survivor/envs/production/instances").json().get("items").get(0);
            assertThat(instance.get("pid").asLong()).isEqualTo(pid);
            assertThat(instance.get("state").asString()).isEqualTo("healthy");
            assertThat(router.get("survivor.localhost", "/").body()).contains("hello from node web.1 v1");
            api.delete("/api/v1/apps/survivor");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aDeploymentCutShortByARestartEndsFailedAndLeavesNoOrphans() throws Exception {
        long newPid;
        try (ConfigurableApplicationContext first = start(false)) {
            Api api = api(first);
            api.post("/api/v1/apps", Map.of("name", "cut"));
            String v1 = upload(api, Fixture.archive(Map.of("VERSION", "one")));
            await().atMost(Duration.ofMinutes(2)).until(() -> status(api, v1).equals("succeeded"));
            String v2 = upload(api, Fixture.archive(Map.of("VERSION", "two", "NEVER_LISTEN", "1")));
            await().atMost(Duration.ofMinutes(2)).until(() -> status(api, v2).equals("health-checking"));
            newPid = java.util.stream.StreamSupport.stream(api.get("/api/v1/apps/cut/envs/production/instances").json().get("items").spliterator(), false)
                    .filter(i -> i.get("release").asInt() == 2).findFirst().orElseThrow().get("pid").asLong();
        }
        assertThat(ProcessHandle.of(newPid).map(ProcessHandle::isAlive)).contains(true);

        try (ConfigurableApplicationContext second = start(true)) {
            Api api = api(second);
            Router router = new Router(second.getBean(RouterServer.class).port());
            JsonNode deployments = api.get("/api/v1/apps/cut/envs/production/deployments").json().get("items");
            assertThat(deployments.get(0).get("status").asString()).isEqualTo("failed");
            assertThat(deployments.get(0).get("reason").asString()).contains("control plane restarted");
            await().atMost(Duration.ofSeconds(20)).until(() -> router.get("cut.localhost", "/").body().contains("one"));
            await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false) == false);
            assertThat(api.get("/api/v1/apps/cut/envs/production/instances").json().get("items"))
                    .allSatisfy(i -> assertThat(i.get("release").asInt()).isEqualTo(1));
            api.delete("/api/v1/apps/cut");
        }
    }

    private static String upload(Api api, byte[] archive) {
        return api.upload("/api/v1/apps/cut/envs/production/deployments", archive, "application/gzip").json().get("id").asString();
    }

    private static String status(Api api, String id) {
        return api.get("/api/v1/deployments/" + id).json().get("status").asString();
    }

    private ConfigurableApplicationContext start(boolean stopAppsOnShutdown) throws Exception {
        return ControlPlanes.start(home, "restart-test", "--coderunner.runtime.stop-on-shutdown=" + stopAppsOnShutdown);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return ControlPlanes.admin(context, "restart-test");
    }
}
