package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemHandlingTest extends LoggedInCliTest {

    @Test
    void problemDetailAndFieldErrorsGoToStderrWithExitCode1() {
        server.json("POST", "/apps", 422, "{\"type\":\"validation\",\"title\":\"Invalid\",\"status\":422,"
                + "\"detail\":\"The app could not be created\",\"errors\":[{\"field\":\"name\","
                + "\"message\":\"must match [a-z0-9-]{1,40}\"}]}");

        CliRun.Result result = cli.run("apps:create", "Bad_Name", "--no-link");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: The app could not be created\n  name: must match [a-z0-9-]{1,40}\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void forbiddenExitsWith3() {
        server.problem("GET", "/apps", 403, "Token scope read cannot do this");

        CliRun.Result result = cli.run("apps");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("error: Token scope read cannot do this\n");
    }

    @Test
    void errorWithoutProblemBodyStillReadsWell() {
        server.on("GET", "/apps", (exchange, request) -> FakeServer.send(exchange, 502, "text/html", "<h1>bad</h1>"));

        CliRun.Result result = cli.run("apps");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: HTTP 502 from " + server.url() + "\n");
    }

    @Test
    void unreachableServerIsOneLine() {
        cli.env.put("CODERUNNER_URL", "http://127.0.0.1:1");

        CliRun.Result result = cli.run("apps");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot reach the server at http://127.0.0.1:1").hasLineCount(1);
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun.Result result = cli.run("fly");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Unmatched argument");
    }
}
