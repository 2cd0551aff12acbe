package dev.coderunner.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.coderunner.events.Event;
import dev.coderunner.events.EventBus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deployment's log: the whole text, or followed live over SSE ({@code event: log} lines and
 * {@code event: phase} changes) until the deployment ends.
 */
@RestController
class DeploymentLogController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration KEEPALIVE = Duration.ofSeconds(15);

    private final DeploymentService deployments;
    private final EventBus bus;

    DeploymentLogController(DeploymentService deployments, EventBus bus) {
        this.deployments = deployments;
        this.bus = bus;
    }

    @GetMapping(path = "/api/v1/deployments/{id}/log")
    org.springframework.http.ResponseEntity<String> text(@PathVariable String id) {
        StringBuilder out = new StringBuilder();
        deployments.log(id).forEach(l -> out.append(l.line()).append('\n'));
        return org.springframework.http.ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .body(out.toString());
    }

    // Only an explicit Accept: text/event-stream follows; anything else gets the text.
    @GetMapping(path = "/api/v1/deployments/{id}/log", produces = MediaType.TEXT_EVENT_STREAM_VALUE, headers = "Accept=text/event-stream")
    void follow(@PathVariable String id, HttpServletResponse response) throws IOException, InterruptedException {
        DeploymentView current = deployments.get(id);
        BlockingQueue<Event> live = new LinkedBlockingQueue<>(10_000);
        // Subscribe before reading the file so nothing falls between the two; line numbers drop repeats.
        try (EventBus.Subscription ignored = bus.subscribe("deployment:" + id, live::offer)) {
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            PrintWriter out = response.getWriter();
            long lastLine = 0;
            for (DeploymentLog.Line line : deployments.log(id)) {
                send(out, "log", line);
                lastLine = line.n();
            }
            send(out, "phase", current);
            current = deployments.get(id);
            send(out, "phase", current);
            while (!DeploymentPhase.fromWire(current.status()).terminal()) {
                Event event = live.poll(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    out.write(": keep-alive\n\n");
                    out.flush();
                    if (out.checkError()) {
                        return;
                    }
                    current = deployments.get(id);
                    continue;
                }
                if (event.data() instanceof DeploymentLog.Line line) {
                    if (line.n() > lastLine) {
                        send(out, "log", line);
                        lastLine = line.n();
                    }
                } else if (event.data() instanceof DeploymentView phase) {
                    current = phase;
                    send(out, "phase", phase);
                }
                if (out.checkError()) {
                    return;
                }
            }
            // Lines logged just before the final phase may still be queued.
            List<Event> rest = new java.util.ArrayList<>();
            live.drainTo(rest);
            for (Event event : rest) {
                if (event.data() instanceof DeploymentLog.Line line && line.n() > lastLine) {
                    send(out, "log", line);
                    lastLine = line.n();
                }
            }
            out.flush();
        }
    }

    private static void send(PrintWriter out, String event, Object data) {
        out.write("event: " + event + "\n");
        out.write("data: " + JSON.writeValueAsString(data) + "\n\n");
        out.flush();
    }
}
