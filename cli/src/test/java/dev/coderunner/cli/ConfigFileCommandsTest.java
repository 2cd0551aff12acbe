package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigFileCommandsTest extends LoggedInCliTest {

    static final String ENV = "/apps/demo/envs/production";

    @BeforeEach
    void linkApp() {
        cli.env.put("CODERUNNER_APP", "demo");
    }

    @Test
    void importPreviewSendsTheFileAndPrintsTheChanges() throws Exception {
        Files.writeString(home.resolve("prod.yaml"), "GREETING: hi\n");
        server.json("POST", ENV + "/config/import", 200, """
                {"preview":true,"changes":[{"name":"GREETING","change":"changed","secret":false,"from":"hello","to":"hi"},
                 {"name":"TOKEN","change":"added","secret":true,"to":"••••••••"}],"release":4}""");

        CliRun.Result result = cli.run("env:import", "prod.yaml", "--preview", "--secret", "TOKEN");

        assertThat(result.exitCode()).as(result.err()).isZero();
        FakeServer.Request sent = server.last("POST", "/config/import");
        assertThat(sent.query()).isEqualTo("preview=true");
        assertThat(sent.bodyText()).contains("\"format\":\"yaml\"", "\"content\":\"GREETING: hi\\n\"", "\"secrets\":[\"TOKEN\"]");
        assertThat(result.out()).isEqualTo("~ GREETING: hello → hi\n+ TOKEN (secret)=••••••••\n");
        assertThat(result.err()).contains("Preview only");
    }

    @Test
    void exportWithRevealAsksForSecretsAndWritesAPrivateFile() throws Exception {
        server.on("GET", ENV + "/config/export", (exchange, request) ->
                FakeServer.send(exchange, 200, "text/plain", "A=1\n# coderunner:secret\nB=2\n"));

        CliRun.Result result = cli.run("env:export", "--format", "env", "--reveal", "-o", "out.env");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("GET", "/config/export").query()).isEqualTo("format=env&reveal=true");
        assertThat(Files.readString(home.resolve("out.env"))).isEqualTo("A=1\n# coderunner:secret\nB=2\n");
        assertThat(Files.getPosixFilePermissions(home.resolve("out.env")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void exportRevealRefusedShowsTheServersReason() {
        server.problem("GET", ENV + "/config/export", 403, "Your role or token does not allow revealing secret values.");

        CliRun.Result result = cli.run("env:export", "--reveal");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("does not allow revealing");
    }

    @Test
    void diffBetweenReleasesOrAgainstAnotherEnvironment() {
        server.json("GET", ENV + "/config/diff", 200, """
                {"from":"production v1","to":"production v2","changes":[{"name":"K","change":"removed","secret":false,"from":"x"}]}""");

        assertThat(cli.run("env:diff", "--from", "v1", "--to", "v2").out()).isEqualTo("- K\n");
        assertThat(server.last("GET", "/config/diff").query()).contains("from=1").contains("to=2");
        assertThat(cli.run("env:diff", "--to", "staging").exitCode()).isZero();
        assertThat(server.last("GET", "/config/diff").query()).isEqualTo("env=staging");
        assertThat(cli.run("env:diff").exitCode()).isEqualTo(2);
    }

    @Test
    void revealPrintsOnlyTheAskedSecrets() {
        server.json("GET", ENV + "/config", 200, "{\"vars\":{},\"secrets\":{\"DB\":\"pw\"}}");

        CliRun.Result result = cli.run("env:reveal", "DB");

        assertThat(result.out()).isEqualTo("DB=pw\n");
        assertThat(server.last("GET", "/config").query()).isEqualTo("reveal=true&name=DB");
    }

    @Test
    void envsListsAndCreatesEnvironments() {
        server.json("GET", "/apps/demo/envs", 200, """
                {"items":[{"name":"production","status":"running","instances":2,"url":"http://demo.localhost:8800","currentRelease":3}]}""");
        server.json("POST", "/apps/demo/envs", 201, "{\"name\":\"staging\",\"url\":\"http://demo-staging.localhost:8800\"}");

        assertThat(cli.run("envs").out()).contains("production", "running", "v3");
        CliRun.Result created = cli.run("envs:create", "staging");
        assertThat(created.out()).isEqualTo("Created demo (staging): http://demo-staging.localhost:8800\n");
        assertThat(server.last("POST", "/apps/demo/envs").bodyText()).isEqualTo("{\"name\":\"staging\"}");
    }

    @Test
    void promotePostsToTheTargetEnvironment() {
        server.json("POST", ENV + "/promote", 202, "{\"id\":\"dep_1\",\"status\":\"queued\",\"release\":7}");

        CliRun.Result result = cli.run("promote", "--to", "production", "--release", "v3", "--no-follow");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("POST", "/promote").bodyText()).contains("\"from\":\"staging\"", "\"release\":3");
        assertThat(result.out()).startsWith("-----> Promoting demo staging to production as v7");
    }
}
