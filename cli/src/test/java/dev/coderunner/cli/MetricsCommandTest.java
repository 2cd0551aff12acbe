package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsCommandTest extends LoggedInCliTest {

    static final String METRICS = "/apps/demo/envs/production/metrics";

    static final String ANSWER = """
            {"app":"demo","env":"production","range":"1h","step":5,"epochSeconds":[100,105,110],
             "environment":{"cpu_percent":[10.0,null,30.0],"memory_bytes":[1048576,2097152,3145728],
               "requests_per_second":[1.0,2.0,3.0],"error_rate":[0.0,0.5,null],"latency_p95_ms":[null,null,null]},
             "instances":[{"instance":"web.1","processType":"web","values":{"cpu_percent":[10.0,null,30.0]}}],
             "current":{"cpu_percent":30.0,"memory_bytes":3145728,"requests_per_second":3.0,"error_rate":0.0,"instances":1},
             "currentInstances":[{"instance":"web.1","processType":"web","cpu_percent":30.0,"memory_bytes":3145728,"threads":8,
               "open_files":22,"restarts":1,"uptime_seconds":3610}]}
            """;

    @Test
    void showsCurrentFiguresTheirRangeAndEachInstance() {
        server.json("GET", METRICS, 200, ANSWER);

        CliRun.Result result = cli.run("metrics", "-a", "demo", "--range", "1h");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.last("GET", "/metrics").query()).startsWith("range=1h&figures=cpu_percent%2Cmemory_bytes%2C");
        assertThat(result.out()).startsWith("demo (production), last 1h (5 s steps)\n")
                .containsPattern("CPU per instance +30\\.0% +10\\.0% +20\\.0% +30\\.0%")
                .containsPattern("Memory per instance +3\\.0 MB +1\\.0 MB +2\\.0 MB +3\\.0 MB")
                .containsPattern("Requests +3\\.00/s +1\\.00/s +2\\.00/s +3\\.00/s")
                .containsPattern("Latency p95 +— +— +— +—")
                .containsPattern("web\\.1 +30\\.0% +3\\.0 MB +8 +22 +1 +1h");
    }

    @Test
    void passesJsonThroughAndRefusesAnUnknownRangeWithoutAsking() {
        server.json("GET", METRICS, 200, ANSWER);
        CliRun.Result json = cli.run("metrics", "-a", "demo", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"epochSeconds\"");

        CliRun.Result bad = cli.run("metrics", "-a", "demo", "--range", "2w");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: --range must be one of 5m, 1h, 24h, 7d, not '2w'\n");
        assertThat(server.requests("GET", METRICS)).hasSize(1);
    }
}
