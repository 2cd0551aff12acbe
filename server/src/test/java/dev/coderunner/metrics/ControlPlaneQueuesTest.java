package dev.coderunner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;

/**
 * The control plane's own queues on {@code /metrics}, with real backlog: a deployment waiting behind a slow
 * build, and a log drain whose receiver is down while the deployments log.
 */
class ControlPlaneQueuesTest extends ControlPlaneTest {

    private static final String APP = "queues";
    private static final String ENV = "/api/v1/apps/" + APP + "/envs/production";

    @Test
    void waitingDeploymentsAndADrainsBacklogShowOnMetrics() throws Exception {
        api.post("/api/v1/apps", Map.of("name", APP));
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        Api.Answer drain = api.post(ENV + "/logs/drains", Map.of("url", "syslog+tcp://127.0.0.1:" + nobody));
        assertThat(drain.status()).as(drain.body()).isEqualTo(201);

        String slow = upload("sleep 5 && exit 3");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/deployments/" + slow).json().get("status").asString()
                .equals("building"));
        String next = upload("exit 3");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> value(scrape(), "coderunner_deployments_queued"), v -> v == 1);
        awaitDeployment(slow);
        awaitDeployment(next);
        assertThat(value(scrape(), "coderunner_deployments_queued")).isZero();

        // Both deployments' lines are stored in the environment's log and wait for the drain.
        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), "coderunner_logs_drain_backlog_entries"), v -> v >= 4);
        String text = scrape();
        // Stored as they come in: nothing left waiting once a deployment is over (other tests may share this control plane).
        assertThat(value(text, "coderunner_logs_capture_queued_entries")).isBetween(0.0, 100.0);
        assertThat(value(text, "coderunner_alerts_queue_size")).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "coderunner_alerts_queue_capacity")).isEqualTo(1000);
        assertThat(value(text, "coderunner_ws_connections")).isGreaterThanOrEqualTo(0);
        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).isBlank();

        assertThat(api.delete(ENV + "/logs/drains/" + drain.json().get("id").asString()).status()).isEqualTo(204);
        assertThat(value(scrape(), "coderunner_logs_drain_backlog_entries")).isZero();
        api.delete("/api/v1/apps/" + APP);
    }

    private String upload(String buildCommand) {
        byte[] archive = Archives.tarGz().file("Procfile", "web: sleep 60").file("coderunner.yaml", "build: " + buildCommand + "\n").bytes();
        Api.Answer a = api.upload(ENV + "/deployments", archive, "application/gzip");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return a.json().get("id").asString();
    }

    private String scrape() {
        Api.Answer a = new Api(port).get("/metrics");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.body();
    }

    /** The value of an unlabelled series; fails when it is missing. */
    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        assertThat(m.find()).as("%s on /metrics", series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
