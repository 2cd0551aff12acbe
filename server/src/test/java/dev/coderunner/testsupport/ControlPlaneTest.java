package dev.coderunner.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.coderunner.router.RouterServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Base for integration tests: the whole control plane on random ports with a fresh
 * CODERUNNER_HOME, the real H2 file database, real child processes and the real router.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "coderunner.router.port=0",
        "CODERUNNER_ADMIN_PASSWORD=" + ControlPlaneTest.ADMIN_PASSWORD,
        "coderunner.runtime.stop-on-shutdown=true",
        "coderunner.runtime.stop-grace=3s",
        "coderunner.runtime.drain-timeout=5s"})
public abstract class ControlPlaneTest {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final Path HOME = tempHome();

    @LocalServerPort
    protected int port;

    @Autowired
    protected RouterServer routerServer;

    protected Api api;
    protected Router router;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("coderunner.home", HOME::toString);
    }

    @BeforeEach
    void connect() {
        api = new Api(port).login("admin", ADMIN_PASSWORD);
        router = new Router(routerServer.port());
    }

    protected static Path home() {
        return HOME;
    }

    /** Creates the app (if needed) and uploads {@code archive}; returns the deployment's id. */
    protected String deploy(String app, byte[] archive) {
        api.post("/api/v1/apps", java.util.Map.of("name", app));
        Api.Answer a = api.upload("/api/v1/apps/" + app + "/envs/production/deployments", archive, "application/gzip");
        if (a.status() != 202) {
            throw new AssertionError("upload refused: " + a.status() + " " + a.body());
        }
        return a.json().get("id").asString();
    }

    /** Waits for a deployment to end and returns it. */
    protected JsonNode awaitDeployment(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = api.get("/api/v1/deployments/" + id).json();
            return java.util.List.of("succeeded", "failed", "rolled-back", "cancelled").contains(last[0].get("status").asString());
        });
        return last[0];
    }

    protected String deploymentLog(String id) {
        return api.get("/api/v1/deployments/" + id + "/log").body();
    }

    protected JsonNode instances(String app) {
        return api.get("/api/v1/apps/" + app + "/envs/production/instances").json().get("items");
    }

    private static Path tempHome() {
        try {
            return Files.createTempDirectory("coderunner-test-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
