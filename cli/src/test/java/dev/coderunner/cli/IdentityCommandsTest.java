package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** login --sso (device login), login with a password and with a pasted token, logout revoking, users, audit. */
class IdentityCommandsTest extends LoggedInCliTest {

    @Test
    void ssoLoginPrintsTheLinkAndCodePollsUntilApprovedAndSavesTheToken() throws Exception {
        cli.env.remove("CODERUNNER_TOKEN");
        server.json("POST", "/auth/device", 200, "{\"deviceCode\":\"dc-secret\",\"userCode\":\"BCDF-GHJK\","
                + "\"verificationUri\":\"http://cr.example/device\",\"verificationUriComplete\":\"http://cr.example/device?code=BCDF-GHJK\","
                + "\"expiresIn\":600,\"interval\":0}");
        AtomicInteger polls = new AtomicInteger();
        server.on("POST", "/auth/device/token", (exchange, request) -> {
            if (polls.incrementAndGet() < 3) {
                FakeServer.send(exchange, 400, "application/problem+json",
                        "{\"type\":\"authorization-pending\",\"status\":400,\"detail\":\"Waiting\"}");
            } else {
                FakeServer.send(exchange, 200, "application/json",
                        "{\"accessToken\":\"cr_device\",\"tokenType\":\"Bearer\",\"tokenId\":\"tok_1\",\"username\":\"alice\"}");
            }
        });

        CliRun.Result result = cli.run("login", "--sso");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("http://cr.example/device?code=BCDF-GHJK").contains("BCDF-GHJK");
        assertThat(result.out()).contains("Logged in to " + server.url() + " as alice.");
        assertThat(server.requests("POST", "/auth/device/token")).hasSize(3);
        assertThat(server.last("POST", "/auth/device/token").bodyText()).isEqualTo("{\"deviceCode\":\"dc-secret\"}");
        assertThat(server.last("POST", "/auth/device").header("Authorization")).isNull();
        assertThat(Files.readString(cli.configFile())).contains("cr_device").contains("tok_1");
    }

    @Test
    void aDeniedSsoLoginIsOneLineAndSavesNothing() {
        cli.env.remove("CODERUNNER_TOKEN");
        server.json("POST", "/auth/device", 200, "{\"deviceCode\":\"dc\",\"userCode\":\"BCDF-GHJK\",\"expiresIn\":600,\"interval\":0}");
        server.on("POST", "/auth/device/token", (exchange, request) -> FakeServer.send(exchange, 400, "application/problem+json",
                "{\"type\":\"access-denied\",\"status\":400,\"detail\":\"The login was denied in the dashboard.\"}"));

        CliRun.Result result = cli.run("login", "--sso");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).endsWith("error: the login was denied in the dashboard\n");
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void ssoAndTokenTogetherIsAUsageError() {
        assertThat(cli.run("login", "--sso", "--token", "cr_x").exitCode()).isEqualTo(2);
    }

    @Test
    void passwordLoginSavesAnApiTokenThatLogoutRevokes() throws Exception {
        cli.env.remove("CODERUNNER_TOKEN");
        server.json("POST", "/auth/login", 200, "{\"accessToken\":\"jwt-1\",\"tokenType\":\"Bearer\",\"expiresIn\":900}")
                .json("POST", "/auth/tokens", 201, "{\"id\":\"tok_9\",\"name\":\"cli\",\"scope\":\"admin\",\"token\":\"cr_long\"}")
                .on("DELETE", "/auth/tokens/tok_9", (exchange, request) -> FakeServer.send(exchange, 204, "", ""));
        cli.stdin = "pw\n";

        CliRun.Result login = cli.run("login", "-u", "alice", "--password-stdin");

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(server.last("POST", "/auth/tokens").header("Authorization")).isEqualTo("Bearer jwt-1");
        assertThat(server.last("POST", "/auth/tokens").bodyText()).contains("\"scope\":\"admin\"").contains("\"expiresInDays\":90");
        assertThat(Files.readString(cli.configFile())).contains("cr_long").doesNotContain("jwt-1");

        CliRun.Result logout = cli.run("logout");

        assertThat(logout.exitCode()).as(logout.err()).isZero();
        assertThat(server.last("DELETE", "/auth/tokens/tok_9").header("Authorization")).isEqualTo("Bearer cr_long");
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void logoutOfAPastedTokenRevokesItByItself() {
        cli.env.remove("CODERUNNER_TOKEN");
        server.json("GET", "/auth/profile", 200, "{\"username\":\"ci-bot\",\"role\":\"developer\"}")
                .on("DELETE", "/auth/token", (exchange, request) -> FakeServer.send(exchange, 204, "", ""));
        assertThat(cli.run("login", "--token", "cr_pasted").exitCode()).isZero();

        assertThat(cli.run("logout").exitCode()).isZero();

        assertThat(server.last("DELETE", "/auth/token").header("Authorization")).isEqualTo("Bearer cr_pasted");
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void logoutForgetsTheTokenEvenWhenTheServerAlreadyRevokedIt() {
        cli.env.remove("CODERUNNER_TOKEN");
        server.json("GET", "/auth/profile", 200, "{\"username\":\"ci-bot\"}")
                .problem("DELETE", "/auth/token", 401, "Log in first");
        cli.run("login", "--token", "cr_gone");

        CliRun.Result result = cli.run("logout");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void usersListsCreatesSetsRolesAndDeactivates() {
        server.json("GET", "/users", 200, "{\"items\":[{\"id\":\"usr_1\",\"username\":\"admin\",\"email\":null,\"role\":\"admin\","
                + "\"active\":true,\"lastLoginAt\":\"2026-11-25T10:00:00Z\"},{\"id\":\"usr_2\",\"username\":\"bob\","
                + "\"email\":\"bob@example.com\",\"role\":\"viewer\",\"active\":false}],\"nextCursor\":null}")
                .json("POST", "/users", 201, "{\"id\":\"usr_3\",\"username\":\"carol\",\"role\":\"developer\"}")
                .json("PATCH", "/users/bob", 200, "{\"id\":\"usr_2\",\"username\":\"bob\",\"role\":\"operator\",\"active\":true}")
                .on("POST", "/users/bob/password", (exchange, request) -> FakeServer.send(exchange, 204, "", ""));

        CliRun.Result list = cli.run("users");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("admin").contains("bob@example.com").contains("deactivated").contains("2026-11-25 10:00:00");

        cli.stdin = "carols-password\n";
        assertThat(cli.run("users", "create", "carol", "--role", "developer", "--email", "carol@example.com", "--password-stdin")
                .out()).contains("Created user carol (developer)");
        assertThat(server.last("POST", "/users").bodyText())
                .isEqualTo("{\"username\":\"carol\",\"role\":\"developer\",\"email\":\"carol@example.com\",\"password\":\"carols-password\"}");

        assertThat(cli.run("users", "set-role", "bob", "operator").out()).contains("bob is now operator");
        assertThat(server.last("PATCH", "/users/bob").bodyText()).isEqualTo("{\"role\":\"operator\"}");
        assertThat(cli.run("users", "deactivate", "bob").exitCode()).isZero();
        assertThat(server.last("PATCH", "/users/bob").bodyText()).isEqualTo("{\"active\":false}");
        cli.stdin = "new-password\n";
        assertThat(cli.run("users", "reset-password", "bob").exitCode()).isZero();
        assertThat(server.last("POST", "/users/bob/password").bodyText()).isEqualTo("{\"password\":\"new-password\"}");
    }

    @Test
    void aBadRoleIsAUsageErrorAndForbiddenIsOneLine() {
        assertThat(cli.run("users", "set-role", "bob", "emperor").exitCode()).isEqualTo(2);
        server.problem("GET", "/users", 403, "Only admins can manage users.");

        CliRun.Result result = cli.run("users");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).isEqualTo("error: Only admins can manage users.\n");
    }

    @Test
    void inviteShowsTheLinkWhenNoMailWasSent() {
        server.json("POST", "/invitations", 201, "{\"id\":\"inv_1\",\"email\":\"dan@example.com\",\"role\":\"developer\","
                + "\"expiresAt\":\"2026-12-02T10:00:00Z\",\"emailSent\":false,\"emailError\":\"no SMTP server is configured\","
                + "\"link\":\"http://cr.example/invite#token=abc\"}");

        CliRun.Result result = cli.run("users", "invite", "dan@example.com", "--role", "developer", "--app", "shop", "--app", "blog:viewer");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Invited dan@example.com as developer").contains("http://cr.example/invite#token=abc");
        assertThat(server.last("POST", "/invitations").bodyText()).contains("{\"app\":\"shop\",\"role\":\"developer\"}")
                .contains("{\"app\":\"blog\",\"role\":\"viewer\"}");
    }

    @Test
    void auditShowsAPageWithFiltersAndExportsCsv() {
        server.on("GET", "/audit", (exchange, request) -> {
            if (request.query() != null && request.query().contains("format=csv")) {
                FakeServer.send(exchange, 200, "text/csv", "id,time,actor,action\n7,2026-11-25T10:00:00Z,alice,config.reveal\n");
            } else {
                FakeServer.send(exchange, 200, "application/json", "{\"items\":[{\"id\":7,\"time\":\"2026-11-25T10:00:00.5Z\","
                        + "\"actor\":\"alice\",\"action\":\"config.reveal\",\"target\":\"shop/production\",\"ip\":\"127.0.0.1\"}],"
                        + "\"nextCursor\":\"7\"}");
            }
        });

        CliRun.Result page = cli.run("audit", "--user", "alice", "--app", "shop", "--since", "1h");

        assertThat(page.exitCode()).as(page.err()).isZero();
        assertThat(page.out()).contains("2026-11-25 10:00:00").contains("config.reveal").contains("shop/production");
        assertThat(page.err()).contains("--cursor 7");
        assertThat(server.last("GET", "/audit").query()).isEqualTo("user=alice&app=shop&since=1h");

        CliRun.Result csv = cli.run("audit", "--action", "config.reveal", "--format", "csv");

        assertThat(csv.out()).isEqualTo("id,time,actor,action\n7,2026-11-25T10:00:00Z,alice,config.reveal\n");
        assertThat(server.last("GET", "/audit").query()).isEqualTo("action=config.reveal&format=csv");
    }
}
