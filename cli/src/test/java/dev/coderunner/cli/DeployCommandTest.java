package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coderunner.cli.source.Archives;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {

    static final String DEPLOYMENTS = "/apps/demo/envs/production/deployments";

    @TempDir
    Path home;

    FakeServer server;
    CliRun cli;
    Path source;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer().json("POST", DEPLOYMENTS, 202, deployment("queued", null));
        cli = new CliRun(home, server).loggedIn();
        source = home.resolve("src");
        Files.createDirectories(source);
        Files.writeString(source.resolve("Procfile"), "web: node index.js\n");
        Files.writeString(source.resolve("index.js"), "require('http')\n");
        Files.writeString(source.resolve(".coderunnerignore"), "*.secret\n");
        Files.writeString(source.resolve("db.secret"), "hunter2");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadsTheArchiveFollowsTheLogAndSucceeds() throws Exception {
        server.on("GET", "/deployments/d1/log", (exchange, request) -> {
            OutputStream out = FakeServer.startEvents(exchange);
            FakeServer.event(out, null, "phase", deployment("building", null));
            FakeServer.event(out, null, "log", "{\"time\":\"2026-11-25T12:00:00Z\",\"line\":\"npm ci\"}");
            FakeServer.event(out, null, "log", "{\"time\":\"2026-11-25T12:00:01Z\",\"line\":\"added 3 packages\"}");
            FakeServer.event(out, null, "phase", deployment("starting", null));
            FakeServer.event(out, null, "phase", deployment("succeeded", null));
        });

        CliRun.Result result = cli.run("deploy", source.toString(), "-a", "demo");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsSubsequence("-----> Packed 3 files", "-----> Uploaded",
                "-----> queued", "-----> building", "npm ci", "added 3 packages", "-----> starting",
                "-----> succeeded", "-----> Released v4 to demo (production)");
        FakeServer.Request upload = server.last("POST", DEPLOYMENTS);
        assertThat(upload.header("Content-Type")).isEqualTo("application/gzip");
        assertThat(upload.header("Idempotency-Key")).matches("[0-9a-f-]{36}");
        assertThat(upload.header("Authorization")).isEqualTo("Bearer test-token");
        Path received = home.resolve("received.tar.gz");
        Files.write(received, upload.body());
        assertThat(Archives.entries(received).keySet())
                .containsExactlyInAnyOrder(".coderunnerignore", "Procfile", "index.js");
        assertThat(server.last("GET", "/deployments/d1/log").header("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void failedDeploymentExitsWith1AndSaysWhy() {
        server.on("GET", "/deployments/d1/log", (exchange, request) -> {
            OutputStream out = FakeServer.startEvents(exchange);
            FakeServer.event(out, null, "phase", deployment("building", null));
            FakeServer.event(out, null, "log", "{\"line\":\"npm ERR! missing script: build\"}");
            FakeServer.event(out, null, "phase", deployment("failed", "build command exited with 1"));
        });

        CliRun.Result result = cli.run("deploy", source.toString(), "-a", "demo");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("npm ERR! missing script: build", "-----> failed");
        assertThat(result.err()).contains("error: deployment d1 failed: build command exited with 1");
    }

    @Test
    void pollsTheDeploymentWhenTheLogStreamDrops() {
        AtomicInteger polls = new AtomicInteger();
        server.on("GET", "/deployments/d1/log", (exchange, request) -> {
            OutputStream out = FakeServer.startEvents(exchange);
            FakeServer.event(out, null, "phase", deployment("building", null));
        });
        server.on("GET", "/deployments/d1", (exchange, request) -> FakeServer.send(exchange, 200,
                "application/json", deployment(polls.incrementAndGet() < 3 ? "health-checking" : "succeeded", null)));

        CliRun.Result result = cli.run("deploy", source.toString(), "-a", "demo");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsSubsequence("-----> building", "-----> health-checking", "-----> succeeded");
        assertThat(polls).hasValue(3);
    }

    @Test
    void noFollowReturnsOnceAccepted() {
        CliRun.Result result = cli.run("deploy", source.toString(), "-a", "demo", "--no-follow");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("GET", "/log")).isEmpty();
    }

    @Test
    void refusedArchiveIsAnErrorAndNothingIsFollowed() {
        server.problem("POST", DEPLOYMENTS, 413, "The archive is larger than 200 MB");

        CliRun.Result result = cli.run("deploy", source.toString(), "-a", "demo");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: The archive is larger than 200 MB\n");
    }

    @Test
    void rollbackPostsTheReleaseAndFollowsLikeADeploy() {
        server.json("POST", "/apps/demo/envs/production/rollback", 202, deployment("queued", null));
        server.on("GET", "/deployments/d1/log", (exchange, request) -> {
            OutputStream out = FakeServer.startEvents(exchange);
            FakeServer.event(out, null, "phase", deployment("rolled-back", "health check failed on web.1"));
        });

        CliRun.Result result = cli.run("rollback", "v3", "-a", "demo");

        assertThat(server.last("POST", "/rollback").bodyText()).isEqualTo("{\"release\":3}");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("error: deployment d1 rolled-back: health check failed on web.1");
    }

    static String deployment(String status, String reason) {
        return "{\"id\":\"d1\",\"app\":\"demo\",\"env\":\"production\",\"kind\":\"deploy\",\"status\":\"" + status
                + "\",\"release\":4,\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }
}
