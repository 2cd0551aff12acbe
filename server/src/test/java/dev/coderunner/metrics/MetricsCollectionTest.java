package dev.coderunner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlaneTest;
import tools.jackson.databind.JsonNode;

/**
 * A deployed app that burns a known share of a core and holds a known amount of memory; requests of
 * known status and latency sent through the router. Collection is driven by the test, so the figures
 * can be compared with what the app measured of itself over the same window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// A database of its own: the other test contexts, cached by Spring and still running, collect every environment of
// their database each 5 s, and a sample of the same slot stored by one of them made this test's own collection fail.
@TestPropertySource(properties = {"coderunner.metrics.enabled=false",
        "spring.datasource.url=jdbc:h2:file:${coderunner.home}/db/metrics-collection;DB_CLOSE_ON_EXIT=FALSE"})
class MetricsCollectionTest extends ControlPlaneTest {

    private static final String APP = "metered";
    private static final String HOST = APP + ".localhost";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    MetricsCollector collector;

    @Autowired
    MetricsService metrics;

    @Test
    @Order(1)
    void cpuAndMemoryOfTheInstanceMatchWhatTheAppMeasuresOfItself() throws Exception {
        String id = deploy(APP, MetricsFixture.archive(50, 100, 1));
        assertThat(awaitDeployment(id).get("status").asString()).as(deploymentLog(id)).isEqualTo("succeeded");
        int appPort = instances(APP).get(0).get("port").asInt();

        awaitNextSlot();
        JsonNode before = usage(appPort);
        long beforeNanos = System.nanoTime();
        assertThat(collector.collect()).isTrue();
        awaitNextSlot();
        JsonNode after = usage(appPort);
        double selfCpu = (after.get("cpuMicros").asLong() - before.get("cpuMicros").asLong()) / 1e4
                / ((System.nanoTime() - beforeNanos) / 1e9);
        assertThat(collector.collect()).isTrue();

        Point web1 = collector.latest().byEnv().get("metered/production").instances().getFirst();
        assertThat(web1.instance()).isEqualTo("web.1");
        assertThat(web1.processType()).isEqualTo("web");
        double cpu = web1.get(Field.CPU_PERCENT);
        // The app aims at 50 % of a core; a busy machine may give it less, so compare with its own account.
        assertThat(cpu).as("collected %.1f %%, the app measured %.1f %%", cpu, selfCpu).isCloseTo(selfCpu, within(10.0));
        assertThat(cpu).isLessThan(62);
        double rss = after.get("rssBytes").asDouble();
        assertThat(web1.get(Field.MEMORY_BYTES)).isGreaterThan(100e6).isCloseTo(rss, within(rss * 0.15));
        assertThat(web1.get(Field.THREADS)).isGreaterThanOrEqualTo(2); // the main thread and the burning worker
        assertThat(web1.get(Field.OPEN_FILES)).isGreaterThanOrEqualTo(3);
        assertThat(web1.get(Field.RESTARTS)).isZero();
        assertThat(web1.get(Field.UPTIME_SECONDS)).isPositive();

        assertThat(metrics.current(APP, "production", "cpu_percent")).hasValueCloseTo(cpu, within(0.01));
        assertThat(metrics.current(APP, "production", "memory_bytes")).isPresent();
        assertThat(metrics.current(APP, "production", "instances_unhealthy")).hasValue(0);
        assertThat(metrics.current(APP, "production", "no_such_metric")).isEmpty();
        assertThat(metrics.current("ghost", "production", "cpu_percent")).isEmpty();
    }

    @Test
    @Order(2)
    void requestCountsStatusClassesAndLatencyMatchTheRequestsSent() {
        awaitNextSlot();
        collector.collect();
        String scrapeBefore = scrape();
        for (int i = 0; i < 20; i++) {
            assertThat(router.get(HOST, "/").status()).isEqualTo(200);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(router.get(HOST, "/status/503").status()).isEqualTo(503);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(router.get(HOST, "/slow?ms=400").status()).isEqualTo(200);
        }
        assertThat(router.get(HOST, "/status/404").status()).isEqualTo(404);
        awaitNextSlot();
        assertThat(collector.collect()).isTrue();

        Point env = collector.latest().byEnv().get("metered/production").environment();
        assertThat(env.get(Field.REQUESTS)).isEqualTo(30);
        assertThat(env.get(Field.STATUS_2XX)).isEqualTo(24);
        assertThat(env.get(Field.STATUS_4XX)).isEqualTo(1);
        assertThat(env.get(Field.STATUS_5XX)).isEqualTo(5);
        assertThat(env.get(Field.BYTES_OUT)).isEqualTo(20 * "hello\n".length() + 4 * "slow\n".length() + 6 * "status\n".length());
        assertThat(env.get(Field.LATENCY_P99_MS)).isGreaterThanOrEqualTo(400);
        assertThat(env.get(Field.LATENCY_P50_MS)).isLessThan(400);
        assertThat(metrics.current(APP, "production", "error_rate")).hasValueCloseTo(5 / 30.0, within(1e-9));
        assertThat(metrics.current(APP, "production", "requests_per_second")).hasValueCloseTo(30.0 / 5, within(1e-9));

        String scrapeAfter = scrape();
        String labels = "app=\"metered\",env=\"production\"";
        assertThat(value(scrapeAfter, "coderunner_router_requests_total{" + labels + ",status=\"2xx\"}")
                - value(scrapeBefore, "coderunner_router_requests_total{" + labels + ",status=\"2xx\"}")).isEqualTo(24);
        assertThat(value(scrapeAfter, "coderunner_router_requests_total{" + labels + ",status=\"5xx\"}")
                - value(scrapeBefore, "coderunner_router_requests_total{" + labels + ",status=\"5xx\"}")).isEqualTo(5);
        assertThat(value(scrapeAfter, "coderunner_router_request_duration_seconds_count{" + labels + "}")
                - value(scrapeBefore, "coderunner_router_request_duration_seconds_count{" + labels + "}")).isEqualTo(30);
        // The four slow ones took at least 0.4 s: none of them is in a bucket below that.
        assertThat(value(scrapeAfter, "coderunner_router_request_duration_seconds_bucket{" + labels + ",le=\"0.3\"}")
                - value(scrapeBefore, "coderunner_router_request_duration_seconds_bucket{" + labels + ",le=\"0.3\"}")).isLessThanOrEqualTo(26);
        assertThat(value(scrapeAfter, "coderunner_router_request_duration_seconds_sum{" + labels + "}")
                - value(scrapeBefore, "coderunner_router_request_duration_seconds_sum{" + labels + "}")).isGreaterThanOrEqualTo(1.6);
    }

    @Test
    @Order(3)
    void metricsEndpointHasInstanceLabelsAndPassesPromtool() throws Exception {
        String text = scrape();
        assertThat(text).contains("coderunner_instance_cpu_percent{app=\"metered\",env=\"production\",instance=\"web.1\",process_type=\"web\"}")
                .contains("coderunner_instance_memory_bytes{app=\"metered\"")
                .contains("coderunner_instance_restarts_total{app=\"metered\"")
                .contains("coderunner_environment_instances{app=\"metered\",env=\"production\"} 1")
                .contains("coderunner_logs_dropped")
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections");
        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).isBlank();
        // The shipped Grafana dashboard and Prometheus rules use only names this scrape has.
        for (String name : ShippedPrometheusFilesTest.namesUsed()) {
            assertThat(text).as("a sample of %s on /metrics", name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    @Test
    @Order(4)
    void theChartApiAnswersSeriesOnARegularGridWithAPerInstanceBreakdown() {
        Api.Answer answer = api.get("/api/v1/apps/metered/envs/production/metrics?range=5m");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("step").asInt()).isEqualTo(5);
        assertThat(body.get("epochSeconds").size()).isEqualTo(60);
        assertThat(body.get("environment").get("requests_per_second").size()).isEqualTo(60);
        assertThat(nonNull(body.get("environment").get("requests_per_second"))).isGreaterThanOrEqualTo(1);
        assertThat(body.get("instances").get(0).get("instance").asString()).isEqualTo("web.1");
        assertThat(nonNull(body.get("instances").get(0).get("values").get("memory_bytes"))).isGreaterThanOrEqualTo(2);
        assertThat(body.get("current").get("instances").asInt()).isEqualTo(1);

        assertThat(body.get("currentInstances").get(0).get("instance").asString()).isEqualTo("web.1");
        JsonNode some = api.get("/api/v1/apps/metered/envs/production/metrics?range=5m&figures=cpu_percent,latency_p95_ms").json();
        assertThat(some.get("environment").propertyNames()).containsExactly("cpu_percent", "latency_p95_ms");
        assertThat(some.get("instances").get(0).get("values").propertyNames()).containsExactly("cpu_percent");
        Api.Answer unknown = api.get("/api/v1/apps/metered/envs/production/metrics?figures=cpu,bogus");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("type").asString()).isEqualTo("invalid-figure");

        for (String range : new String[] {"1h", "24h", "7d"}) {
            assertThat(api.get("/api/v1/apps/metered/envs/production/metrics?range=" + range).status()).isEqualTo(200);
        }
        JsonNode byMinute = api.get("/api/v1/apps/metered/envs/production/metrics?range=24h&step=60").json();
        assertThat(byMinute.get("step").asInt()).isEqualTo(60);
        assertThat(byMinute.get("epochSeconds").size()).isEqualTo(1440);
        Api.Answer badStep = api.get("/api/v1/apps/metered/envs/production/metrics?range=1h&step=60");
        assertThat(badStep.status()).isEqualTo(400);
        assertThat(badStep.json().get("type").asString()).isEqualTo("invalid-step");
        assertThat(badStep.json().get("detail").asString()).contains("must be one of 5");
        Api.Answer bad = api.get("/api/v1/apps/metered/envs/production/metrics?range=3y");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("type").asString()).isEqualTo("invalid-range");
        assertThat(api.get("/api/v1/apps/nope/envs/production/metrics").status()).isEqualTo(404);

        JsonNode fleet = api.get("/api/v1/fleet").json().get("items");
        JsonNode line = java.util.stream.StreamSupport.stream(fleet.spliterator(), false)
                .filter(l -> l.get("app").asString().equals(APP)).findFirst().orElseThrow();
        assertThat(line.get("health").asString()).isEqualTo("healthy");
        assertThat(line.get("instances").asInt()).isEqualTo(1);
        assertThat(line.get("memoryBytes").asDouble()).isGreaterThan(100e6);
    }

    @Test
    @Order(5)
    void aMetricsTokenLocksTheEndpoint() throws Exception {
        MetricsEndpointSecurity.TokenCheck check = new MetricsEndpointSecurity.TokenCheck("s3cret");
        var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/metrics");
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        var chain = new org.springframework.mock.web.MockFilterChain();
        check.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();

        request.addHeader("Authorization", "Bearer s3cret");
        response = new org.springframework.mock.web.MockHttpServletResponse();
        chain = new org.springframework.mock.web.MockFilterChain();
        check.doFilter(request, response, chain);
        assertThat(chain.getRequest()).isNotNull();
        api.delete("/api/v1/apps/" + APP);
    }

    private String scrape() {
        Api.Answer a = new Api(port).get("/metrics");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.body();
    }

    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static int nonNull(JsonNode array) {
        int n = 0;
        for (JsonNode v : array) {
            if (!v.isNull()) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode usage(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/usage"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(r.body());
    }

    /** Waits until a new collection slot has begun (slots are 5 s apart, rounded), so collect() samples again. */
    private void awaitNextSlot() {
        long last = collector.latest().epochSecond();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> Math.round(System.currentTimeMillis() / 5000.0) * 5 > Math.max(last, 0));
    }
}
