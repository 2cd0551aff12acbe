package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogsCommandTest extends LoggedInCliTest {

    static final String LOGS = "/apps/demo/envs/production/logs";

    @Test
    void queriesRecentEntriesWithFilters() {
        server.json("GET", LOGS, 200, "{\"items\":[" + entry("c1", "web.1", "info", "GET / 200") + ","
                + entry("c2", "web.2", "error", "boom") + "],\"nextCursor\":null}");

        CliRun.Result result = cli.run("logs", "-a", "demo", "--since", "1h", "--level", "error", "--grep",
                "bo om", "--instance", "web.2", "-n", "50");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("GET", "/logs").query())
                .isEqualTo("since=1h&level=error&q=bo+om&instance=web.2&limit=50");
        assertThat(result.out()).isEqualTo("2026-11-25T12:00:00Z web.1: GET / 200\n"
                + "2026-11-25T12:00:00Z web.2 ERROR: boom\n");
    }

    @Test
    void followResumesWithLastEventIdAfterTheStreamDrops() {
        AtomicInteger connections = new AtomicInteger();
        server.on("GET", LOGS, (exchange, request) -> {
            switch (connections.incrementAndGet()) {
                case 1 -> {
                    OutputStream out = FakeServer.startEvents(exchange);
                    FakeServer.event(out, "c1", null, entry("c1", "web.1", "info", "one"));
                    FakeServer.event(out, "c2", null, entry("c2", "web.1", "info", "two"));
                } // the handler returns: the server drops the stream
                case 2 -> {
                    OutputStream out = FakeServer.startEvents(exchange);
                    FakeServer.event(out, "c3", null, entry("c3", "web.1", "info", "three"));
                }
                default -> FakeServer.send(exchange, 404, "application/problem+json",
                        "{\"status\":404,\"detail\":\"App demo not found\"}");
            }
        });

        CliRun.Result result = cli.run("logs", "-f", "-a", "demo", "--since", "5m");

        assertThat(result.out()).containsSubsequence("one", "two", "three");
        assertThat(server.requests("GET", LOGS)).hasSize(3);
        FakeServer.Request first = server.requests("GET", LOGS).get(0);
        FakeServer.Request second = server.requests("GET", LOGS).get(1);
        assertThat(first.header("Accept")).isEqualTo("text/event-stream");
        assertThat(first.header("Last-Event-ID")).isNull();
        assertThat(first.query()).contains("since=5m");
        assertThat(second.header("Last-Event-ID")).isEqualTo("c2");
        assertThat(second.query()).as("the cursor replaces since and limit").isNull();
        assertThat(server.requests("GET", LOGS).get(2).header("Last-Event-ID")).isEqualTo("c3");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: App demo not found\n");
    }

    static String entry(String cursor, String instance, String level, String message) {
        return "{\"cursor\":\"" + cursor + "\",\"time\":\"2026-11-25T12:00:00Z\",\"instance\":\"" + instance
                + "\",\"stream\":\"stdout\",\"level\":\"" + level + "\",\"message\":\"" + message + "\"}";
    }
}
