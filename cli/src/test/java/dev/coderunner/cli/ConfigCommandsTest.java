package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandsTest {

    static final String CONFIG = "/apps/shop/envs/staging/config";
    static final String ANSWER = "{\"vars\":{\"LOG_LEVEL\":\"info\"},\"secrets\":{\"DB_URL\":\"••••\"},\"release\":5}";

    @TempDir
    Path home;

    FakeServer server;
    CliRun cli;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer().json("GET", CONFIG, 200, ANSWER).json("PATCH", CONFIG, 200, ANSWER);
        cli = new CliRun(home, server).loggedIn();
        cli.env.put("CODERUNNER_APP", "shop");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void showsVarsAndMaskedSecrets() {
        CliRun.Result result = cli.run("env", "-e", "staging");

        assertThat(result.out()).isEqualTo("LOG_LEVEL=info\nDB_URL=••••  (secret)\n");
        assertThat(result.err()).isEqualTo("release v5\n");
    }

    @Test
    void setSendsVarsOrSecrets() {
        assertThat(cli.run("env:set", "-e", "staging", "A=1", "B=x=y").exitCode()).isZero();
        assertThat(server.last("PATCH", "/config").bodyText()).isEqualTo("{\"vars\":{\"A\":\"1\",\"B\":\"x=y\"}}");

        cli.run("env:set", "-e", "staging", "--secret", "TOKEN=abc");
        assertThat(server.last("PATCH", "/config").bodyText()).isEqualTo("{\"secrets\":{\"TOKEN\":\"abc\"}}");
    }

    @Test
    void setWithoutEqualsIsAUsageError() {
        assertThat(cli.run("env:set", "-e", "staging", "A").exitCode()).isEqualTo(2);
        assertThat(server.requests("PATCH", "/config")).isEmpty();
    }

    @Test
    void unsetSendsNullInTheMapThatHoldsTheName() {
        assertThat(cli.run("env:unset", "-e", "staging", "LOG_LEVEL", "DB_URL").exitCode()).isZero();
        assertThat(Json.parse(server.last("PATCH", "/config").bodyText()))
                .isEqualTo(Json.parse("{\"vars\":{\"LOG_LEVEL\":null},\"secrets\":{\"DB_URL\":null}}"));

        CliRun.Result unknown = cli.run("env:unset", "-e", "staging", "NOPE");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: NOPE is not set\n");
    }
}
