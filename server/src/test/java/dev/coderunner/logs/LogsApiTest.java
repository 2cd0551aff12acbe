package dev.coderunner.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.Archives;
import dev.coderunner.testsupport.ControlPlaneTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real app's output through capture, storage, the query API and the SSE follow. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogsApiTest extends ControlPlaneTest {

    static final String APP = "chatty";
    static final String LOGS = "/api/v1/apps/" + APP + "/envs/production/logs";

    /** A worker that writes numbered lines to stdout and stderr, a JSON error and a stack trace, then idles. */
    static byte[] chattyApp(int count) {
        return Archives.tarGz().file("Procfile", "worker: sh ./chatty.sh\n").file("chatty.sh", """
                i=0
                while [ $i -lt %d ]; do
                  i=$((i+1))
                  echo "out $i"
                  echo "err $i" >&2
                done
                echo '{"level":"error","msg":"json failure"}'
                printf 'java.lang.IllegalStateException: boom\\n\\tat a.B.c(B.java:1)\\n\\tat a.B.d(B.java:2)\\n'
                echo "done"
                exec sleep 100000
                """.formatted(count)).bytes();
    }

    private List<JsonNode> items(String query) {
        Api.Answer a = api.get(LOGS + query);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        a.json().get("items").forEach(out::add);
        return out;
    }

    @Test
    @Order(1)
    void capturesEveryLineWithItsLabelsInOrderPerStream() {
        String id = deploy(APP, chattyApp(500));
        assertThat(awaitDeployment(id).get("status").asString()).as(deploymentLog(id)).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(30)).until(() -> items("?limit=5&instance=worker.1&q=done").stream().anyMatch(e -> e.get("message").asString().equals("done")));

        List<JsonNode> out = items("?order=asc&limit=10000&instance=worker.1&q=out%20");
        assertThat(out).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(out.get(i).get("message").asString()).isEqualTo("out " + (i + 1));
            assertThat(out.get(i).get("stream").asString()).isEqualTo("stdout");
            assertThat(out.get(i).get("processType").asString()).isEqualTo("worker");
            assertThat(out.get(i).get("release").asInt()).isEqualTo(1);
        }
        List<JsonNode> err = items("?order=asc&limit=10000&q=err%20");
        assertThat(err).extracting(e -> e.get("message").asString()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 500).mapToObj(i -> "err " + i).toList());
        assertThat(err).allMatch(e -> e.get("stream").asString().equals("stderr"));
    }

    @Test
    @Order(2)
    void filtersByLevelTextRegexAndKeepsStackTracesWhole() {
        List<JsonNode> errors = items("?level=error&instance=worker.1");
        assertThat(errors).extracting(e -> e.get("message").asString()).containsExactly("{\"level\":\"error\",\"msg\":\"json failure\"}",
                "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)");
        assertThat(items("?q=%5Eout%204%5Cd%24&regex=true&order=asc")).extracting(e -> e.get("message").asString())
                .containsExactly("out 40", "out 41", "out 42", "out 43", "out 44", "out 45", "out 46", "out 47", "out 48", "out 49");
        assertThat(items("?since=1h&limit=3")).hasSize(3);
        assertThat(items("?until=2000-01-01T00:00:00Z")).isEmpty();
        assertThat(api.get(LOGS + "?level=loud").status()).isEqualTo(400);
        assertThat(api.get(LOGS + "?q=(&regex=true").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/apps/nope/envs/production/logs").status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void deploymentLinesAreEntriesOfInstanceDeploy() {
        List<JsonNode> deploy = items("?instance=deploy&order=asc&limit=1000");
        assertThat(deploy).extracting(e -> e.get("message").asString()).contains("-----> Build succeeded", "-----> Done: v1 deployed");
        assertThat(deploy).allMatch(e -> e.get("stream").asString().equals("deploy"));
    }

    @Test
    @Order(4)
    void pagesWithCursorsBothWays() {
        List<JsonNode> all = items("?order=asc&limit=10000");
        Api.Answer first = api.get(LOGS + "?limit=100");
        JsonNode page = first.json();
        assertThat(page.get("items")).hasSize(100);
        assertThat(page.get("items").get(99).get("cursor").asString()).isEqualTo(all.getLast().get("cursor").asString());
        String next = page.get("nextCursor").asString();
        JsonNode older = api.get(LOGS + "?limit=100&cursor=" + next).json();
        assertThat(older.get("items").get(99).get("cursor").asLong()).isEqualTo(Long.parseLong(next) - 1);
        JsonNode desc = api.get(LOGS + "?order=desc&limit=2").json();
        assertThat(desc.get("items").get(0).get("cursor").asLong()).isGreaterThan(desc.get("items").get(1).get("cursor").asLong());
        JsonNode asc = api.get(LOGS + "?order=asc&limit=10").json();
        JsonNode asc2 = api.get(LOGS + "?order=asc&limit=10&cursor=" + asc.get("nextCursor").asString()).json();
        assertThat(asc2.get("items").get(0).get("cursor").asLong()).isEqualTo(asc.get("items").get(9).get("cursor").asLong() + 1);
    }

    @Test
    @Order(5)
    void followsOverSseFromTheRecentLinesAndResumesWithLastEventId() throws Exception {
        List<JsonNode> all = items("?order=asc&limit=10000");
        String lastId;
        try (SseClient sse = new SseClient(port, api.token(), LOGS + "?limit=5", null)) {
            assertThat(sse.status).isEqualTo(200);
            List<SseClient.SseEvent> got = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                got.add(sse.next());
            }
            assertThat(got).extracting(SseClient.SseEvent::id).containsExactlyElementsOf(
                    all.subList(all.size() - 5, all.size()).stream().map(e -> e.get("cursor").asString()).toList());
            lastId = got.getLast().id();
        }
        String resumeFrom = all.get(all.size() - 20).get("cursor").asString();
        try (SseClient sse = new SseClient(port, api.token(), LOGS, resumeFrom)) {
            for (int i = all.size() - 19; i < all.size(); i++) {
                SseClient.SseEvent e = sse.next();
                assertThat(e.id()).isEqualTo(all.get(i).get("cursor").asString());
                assertThat(e.data().get("message").asString()).isEqualTo(all.get(i).get("message").asString());
            }
            assertThat(lastId).isEqualTo(all.getLast().get("cursor").asString());
        }
    }

    @Test
    @Order(6)
    void showsDiskUseAndTakesRetentionPerEnvironment() {
        JsonNode usage = api.get(LOGS + "/usage").json();
        assertThat(usage.get("bytes").asLong()).isPositive();
        assertThat(usage.get("retention").get("maxAge").asString()).isEqualTo("PT168H");
        Api.Answer set = api.put(LOGS + "/retention", Map.of("maxAge", "2d", "maxSize", "200MB"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("retention").get("maxAge").asString()).isEqualTo("PT48H");
        assertThat(set.json().get("retention").get("maxSize").asLong()).isEqualTo(200L * 1024 * 1024);
        assertThat(api.put(LOGS + "/retention", Map.of("maxSize", "lots")).status()).isEqualTo(422);
        assertThat(api.put(LOGS + "/retention", Map.of("maxAge", "1s")).status()).isEqualTo(422);
    }
}
