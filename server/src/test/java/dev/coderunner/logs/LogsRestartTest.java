package dev.coderunner.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The control plane restarts in the middle of a followed stream; the client resumes with nothing missing or repeated. */
class LogsRestartTest {

    private static final String LOGS = "/api/v1/apps/ticker/envs/production/logs";

    @TempDir
    Path home;

    private final List<SseClient.SseEvent> received = new CopyOnWriteArrayList<>();

    @Test
    void aFollowerResumesAcrossARestartWithoutLossOrDuplicates() throws Exception {
        byte[] ticker = Archives.tarGz().file("Procfile", "worker: sh ./tick.sh\n").file("tick.sh", """
                i=0
                while true; do i=$((i+1)); echo "tick $i"; sleep 0.004; done
                """).bytes();
        String lastId;
        try (ConfigurableApplicationContext first = start(false)) {
            Api api = api(first);
            api.post("/api/v1/apps", Map.of("name", "ticker"));
            String id = api.upload("/api/v1/apps/ticker/envs/production/deployments", ticker, "application/gzip").json().get("id").asString();
            await().atMost(Duration.ofMinutes(2)).until(() -> api.get("/api/v1/deployments/" + id).json().get("status").asString().equals("succeeded"));
            Thread reader;
            try (SseClient sse = new SseClient(port(first), api.token(), LOGS + "?instance=worker.1&limit=10", null)) {
                reader = Thread.ofVirtual().start(() -> readAll(sse));
                await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 300);
                // closing the context ends the stream from the server side, as a crash or an upgrade would
                first.close();
                reader.join(Duration.ofSeconds(30));
                assertThat(reader.isAlive()).isFalse();
            }
            lastId = received.getLast().id();
        }
        int beforeRestart = received.size();
        Thread.sleep(1000);   // the app keeps writing while no control plane runs

        try (ConfigurableApplicationContext second = start(true)) {
            Api api = api(second);
            try (SseClient sse = new SseClient(port(second), api.token(), LOGS + "?instance=worker.1", lastId)) {
                Thread reader = Thread.ofVirtual().start(() -> readAll(sse));
                await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= beforeRestart + 600);
                sse.close();
                reader.join(Duration.ofSeconds(10));
            }
            api.delete("/api/v1/apps/ticker");
        }

        List<Long> ticks = new ArrayList<>();
        long previousId = 0;
        for (SseClient.SseEvent e : received) {
            long cursor = Long.parseLong(e.id());
            assertThat(cursor).as("cursors only grow").isGreaterThan(previousId);
            previousId = cursor;
            ticks.add(Long.parseLong(e.data().get("message").asString().substring("tick ".length())));
        }
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).as("line after tick " + ticks.get(i - 1)).isEqualTo(ticks.get(i - 1) + 1);
        }
        assertThat(ticks.size()).isGreaterThanOrEqualTo(beforeRestart + 600);
    }

    private void readAll(SseClient sse) {
        try {
            SseClient.SseEvent e;
            while ((e = sse.next()) != null) {
                received.add(e);
            }
        } catch (java.io.IOException e) {
            // the stream ended: the test decides whether that was expected
        }
    }

    private ConfigurableApplicationContext start(boolean stopAppsOnShutdown) throws java.io.IOException {
        return ControlPlanes.start(home, "restart-test", "--coderunner.runtime.stop-on-shutdown=" + stopAppsOnShutdown);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ControlPlanes.port(context);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return ControlPlanes.admin(context, "restart-test");
    }
}
