package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthCommandsTest {

    @TempDir
    java.nio.file.Path home;

    FakeServer server;
    CliRun cli;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer()
                .json("POST", "/auth/login", 200, "{\"accessToken\":\"jwt-123\",\"tokenType\":\"Bearer\",\"expiresIn\":900}")
                .json("GET", "/auth/profile", 200, "{\"id\":\"u1\",\"username\":\"alice\",\"role\":\"admin\",\"scope\":\"admin\"}");
        cli = new CliRun(home, server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginStoresServerAndTokenReadableByOwnerOnly() throws Exception {
        cli.env.remove("CODERUNNER_URL");
        cli.stdin = "s3cret\n";

        CliRun.Result result = cli.run("login", "--server", server.url(), "-u", "alice", "--password-stdin");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("POST", "/auth/login").bodyText())
                .contains("\"username\":\"alice\"").contains("\"password\":\"s3cret\"");
        assertThat(Files.readString(cli.configFile())).contains("jwt-123").contains(server.url());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())))
                .isEqualTo("rw-------");
        assertThat(result.out()).contains("Logged in to " + server.url() + " as alice");
    }

    @Test
    void laterCommandsSendTheSavedTokenToTheSavedServer() {
        cli.env.remove("CODERUNNER_URL");
        cli.stdin = "pw\n";
        cli.run("login", "--server", server.url(), "-u", "alice", "--password-stdin");

        CliRun.Result result = cli.run("whoami");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("alice (admin, scope admin)");
        assertThat(server.last("GET", "/auth/profile").header("Authorization")).isEqualTo("Bearer jwt-123");
    }

    @Test
    void tokenFromEnvironmentWinsOverTheSavedOne() {
        cli.stdin = "pw\n";
        cli.run("login", "-u", "alice", "--password-stdin");
        cli.env.put("CODERUNNER_TOKEN", "cr_from_env");

        cli.run("whoami");

        assertThat(server.last("GET", "/auth/profile").header("Authorization")).isEqualTo("Bearer cr_from_env");
    }

    @Test
    void loginWithApiTokenChecksItAndStoresIt() throws Exception {
        CliRun.Result result = cli.run("login", "--token", "cr_abc");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("GET", "/auth/profile").header("Authorization")).isEqualTo("Bearer cr_abc");
        assertThat(Files.readString(cli.configFile())).contains("cr_abc");
        assertThat(server.requests("POST", "/auth/login")).isEmpty();
    }

    @Test
    void loginWithoutTerminalOrPasswordStdinIsAUsageError() {
        CliRun.Result result = cli.run("login", "-u", "alice");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--password-stdin");
    }

    @Test
    void logoutForgetsTheToken() {
        cli.stdin = "pw\n";
        cli.run("login", "-u", "alice", "--password-stdin");

        CliRun.Result result = cli.run("logout");

        assertThat(result.exitCode()).isZero();
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void badPasswordIsOneErrorLineAndExitCode3() {
        server.problem("POST", "/auth/login", 401, "Bad username or password");
        cli.stdin = "wrong\n";

        CliRun.Result result = cli.run("login", "-u", "alice", "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith("error: Bad username or password");
        assertThat(cli.configFile()).doesNotExist();
    }
}
