package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FormationCommandsTest extends LoggedInCliTest {

    static final String ENV = "/apps/demo/envs/production";

    @BeforeEach
    void linkApp() {
        cli.env.put("CODERUNNER_APP", "demo");
    }

    @Test
    void scaleSendsTheFormation() {
        server.json("PUT", ENV + "/scale", 200, "{\"formation\":{\"web\":3,\"worker\":1}}");

        CliRun.Result result = cli.run("scale", "web=3", "worker=1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("PUT", "/scale").bodyText()).isEqualTo("{\"web\":3,\"worker\":1}");
        assertThat(result.out()).isEqualTo("demo (production): web=3 worker=1\n");
    }

    @Test
    void badCountIsAUsageErrorAndSendsNothing() {
        CliRun.Result result = cli.run("scale", "web=x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: 'web=x': the count must be a whole number");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void missingEqualsIsAUsageError() {
        assertThat(cli.run("scale", "web").exitCode()).isEqualTo(2);
        assertThat(cli.run("scale", "Web=1").exitCode()).isEqualTo(2);
        assertThat(cli.run("scale", "web=-1").exitCode()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void restartPostsTheAction() {
        server.json("POST", ENV + "/actions/restart", 202, "{}");

        CliRun.Result result = cli.run("restart", "-e", "staging", "-a", "other");

        assertThat(result.exitCode()).isEqualTo(1).as("staging of other has no route in the fake");
        server.json("POST", "/apps/other/envs/staging/actions/restart", 202, "{}");
        assertThat(cli.run("restart", "-e", "staging", "-a", "other").exitCode()).isZero();
        assertThat(cli.run("restart").out()).isEqualTo("Restarting demo (production): accepted.\n");
    }

    @Test
    void statusPrintsTheInstancesTable() {
        server.json("GET", ENV + "/instances", 200, """
                {"items":[{"id":"web.1","processType":"web","state":"healthy","port":41001,"pid":4242,
                 "restarts":0,"startedAt":"2026-11-25T10:00:00Z","release":4,"uptimeSeconds":3725},
                {"id":"web.2","processType":"web","state":"crashed","port":null,"pid":null,"restarts":5,
                 "release":4,"uptimeSeconds":null}]}""");

        CliRun.Result result = cli.run("status");

        assertThat(result.out()).isEqualTo("""
                ID     STATE    PID   PORT   RESTARTS  UPTIME  RELEASE
                web.1  healthy  4242  41001  0         1h 2m   v4
                web.2  crashed               5                 v4
                """);
    }

    @Test
    void jsonFlagPrintsTheRawAnswer() {
        server.json("GET", ENV + "/instances", 200, "{\"items\":[]}");

        CliRun.Result result = cli.run("status", "--json");

        assertThat(result.out()).isEqualTo("{\n  \"items\" : [ ]\n}\n");
    }
}
