package dev.coderunner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** deploy/prometheus and deploy/grafana: valid for promtool, and built on metric names /metrics really has. */
class ShippedPrometheusFilesTest {

    static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern METRIC = Pattern.compile(
            "\\b(coderunner_[a-z_]+|jvm_[a-z_]+|hikaricp_[a-z_]+|http_server_[a-z_]+|process_[a-z_]+)\\b");

    @Test
    void rulesAndScrapeConfigPassPromtool() {
        Promtool.Result rules = Promtool.checkRules(DEPLOY.resolve("prometheus/coderunner-rules.yml"));
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS");
        Promtool.Result config = Promtool.checkConfig(DEPLOY.resolve("prometheus/prometheus.yml"));
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    /** Every metric name the shipped rules and dashboard use (so a test can check them against a live scrape). */
    static Set<String> namesUsed() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path file : new Path[] {DEPLOY.resolve("prometheus/coderunner-rules.yml"), DEPLOY.resolve("grafana/coderunner.json")}) {
            Matcher m = METRIC.matcher(Files.readString(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void theDashboardAndRulesNameMetrics() throws IOException {
        assertThat(namesUsed()).contains("coderunner_router_requests_total", "coderunner_router_request_duration_seconds_bucket",
                "coderunner_instance_cpu_percent", "coderunner_instance_memory_bytes", "coderunner_instance_restarts_total");
    }
}
