package dev.coderunner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Follows a deployment to its end: prints its log and {@code -----> phase} lines from the SSE stream, and polls
 * {@code GET /deployments/{id}} when the stream drops before a terminal phase.
 */
final class DeploymentFollower {

    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "rolled-back", "cancelled");
    private static final int MAX_POLL_FAILURES = 30;

    private final CliContext context;
    private final ApiClient api;
    private final Output output;
    private String lastStatus = "";

    DeploymentFollower(CliContext context, ApiClient api) {
        this.context = context;
        this.api = api;
        this.output = context.output();
    }

    /** Prints the deployment's progress and answers the exit code: 0 only when it succeeded. */
    int follow(JsonNode started) throws InterruptedException {
        String id = Output.text(started, "id");
        JsonNode deployment = phase(started);
        if (!isTerminal(deployment)) {
            deployment = stream(id, deployment);
        }
        if (!isTerminal(deployment)) {
            deployment = poll(id);
        }
        return finish(deployment);
    }

    static boolean isTerminal(JsonNode deployment) {
        return TERMINAL.contains(Output.text(deployment, "status"));
    }

    private JsonNode stream(String id, JsonNode deployment) {
        JsonNode latest = deployment;
        try (InputStream body = api.openStream("/deployments/" + ApiClient.segment(id) + "/log", Map.of(),
                Map.of()); SseReader events = new SseReader(body)) {
            SseEvent event;
            while ((event = events.next()) != null) {
                if ("phase".equals(event.event())) {
                    latest = phase(context.json().readTree(event.data()));
                    if (isTerminal(latest)) {
                        return latest;
                    }
                } else if ("log".equals(event.event())) {
                    output.line(logLine(event.data()));
                }
            }
            output.note("(the log stream ended early; waiting for the deployment to finish)");
        } catch (IOException | JacksonException e) {
            output.note("(lost the log stream: " + e.getMessage() + "; waiting for the deployment to finish)");
        }
        return latest;
    }

    private JsonNode poll(String id) throws InterruptedException {
        int failures = 0;
        while (true) {
            Thread.sleep(context.pollInterval.toMillis());
            try {
                JsonNode deployment = phase(api.get("/deployments/" + ApiClient.segment(id)));
                if (isTerminal(deployment)) {
                    return deployment;
                }
                failures = 0;
            } catch (CliException unreachable) {
                if (++failures >= MAX_POLL_FAILURES) {
                    throw unreachable;
                }
            }
        }
    }

    private JsonNode phase(JsonNode deployment) {
        String status = Output.text(deployment, "status");
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            output.line("-----> " + status);
        }
        return deployment;
    }

    private String logLine(String data) {
        try {
            JsonNode entry = context.json().readTree(data);
            return entry.isObject() ? Output.text(entry, "line") : data;
        } catch (JacksonException e) {
            return data; // a plain-text line is still worth showing
        }
    }

    private int finish(JsonNode deployment) {
        String status = Output.text(deployment, "status");
        String release = Output.text(deployment, "release");
        if ("succeeded".equals(status)) {
            output.line("-----> Released" + (release.isEmpty() ? "" : " v" + release) + " to "
                    + Output.text(deployment, "app") + " (" + Output.text(deployment, "env") + ")");
            return 0;
        }
        String reason = Output.text(deployment, "reason");
        context.err.println("error: deployment " + Output.text(deployment, "id") + " " + status + ": "
                + (reason.isEmpty() ? "no reason given" : reason));
        context.err.flush();
        return CliException.FAILURE;
    }
}
