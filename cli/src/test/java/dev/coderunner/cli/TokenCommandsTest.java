package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCommandsTest extends LoggedInCliTest {

    @Test
    void createPrintsTheTokenOnStdoutOnly() {
        server.json("POST", "/auth/tokens", 201, "{\"id\":\"t1\",\"name\":\"ci\",\"scope\":\"deploy\","
                + "\"token\":\"cr_secret\"}");

        CliRun.Result result = cli.run("tokens", "create", "ci", "--scope", "deploy", "--expires-days", "30");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("cr_secret\n");
        assertThat(server.last("POST", "/auth/tokens").bodyText())
                .isEqualTo("{\"name\":\"ci\",\"scope\":\"deploy\",\"expiresInDays\":30}");
    }

    @Test
    void unknownScopeIsAUsageError() {
        assertThat(cli.run("tokens", "create", "ci", "--scope", "root").exitCode()).isEqualTo(2);
    }

    @Test
    void listsAndRevokes() {
        server.json("GET", "/auth/tokens", 200, "{\"items\":[{\"id\":\"t1\",\"name\":\"ci\",\"scope\":\"read\","
                + "\"createdAt\":\"2026-11-25T11:02:13.5Z\",\"expiresAt\":null}]}");
        server.on("DELETE", "/auth/tokens/t1", (exchange, request) -> FakeServer.send(exchange, 204, "", ""));

        assertThat(cli.run("tokens").out()).isEqualTo("""
                ID  NAME  SCOPE  CREATED              EXPIRES  LAST USED
                t1  ci    read   2026-11-25 11:02:13
                """);
        assertThat(cli.run("tokens", "revoke", "t1").exitCode()).isZero();
        assertThat(server.requests("DELETE", "/auth/tokens/t1")).hasSize(1);
    }
}
