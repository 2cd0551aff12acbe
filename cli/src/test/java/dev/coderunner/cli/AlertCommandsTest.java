package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertCommandsTest extends LoggedInCliTest {

    static final String ALERT = "{\"id\":\"alt_1\",\"app\":\"shop\",\"env\":\"production\",\"rule\":\"alr_1\",\"ruleName\":\"High CPU\","
            + "\"severity\":\"critical\",\"summary\":\"cpu_percent > 80 for 30s (now 91)\",\"state\":\"firing\","
            + "\"firedAt\":\"2026-11-25T11:02:13.5Z\",\"silenced\":false,\"acknowledgedBy\":null}";

    @Test
    void listsFiringAlertsByDefaultAndHistoryWithAll() {
        server.json("GET", "/alerts", 200, "{\"items\":[" + ALERT + "],\"nextCursor\":null}");

        CliRun.Result result = cli.run("alerts", "-a", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                ID     STATE   SEVERITY  APP              RULE      FIRED                SUMMARY
                alt_1  firing  critical  shop/production  High CPU  2026-11-25 11:02:13  cpu_percent > 80 for 30s (now 91)
                """);
        assertThat(server.last("GET", "/alerts").query()).isEqualTo("state=firing&app=shop&limit=50");

        cli.run("alerts", "--all");
        assertThat(server.last("GET", "/alerts").query()).isEqualTo("limit=50");
    }

    @Test
    void saysSoWhenNothingFires() {
        server.json("GET", "/alerts", 200, "{\"items\":[]}");
        assertThat(cli.run("alerts").out()).isEqualTo("No alerts firing.\n");
    }

    @Test
    void createSendsTheConditionAsFields() {
        server.json("POST", "/apps/shop/envs/staging/alerts/rules", 201, "{\"id\":\"alr_9\",\"metric\":\"latency_p95_ms\",\"comparison\":\">=\","
                + "\"threshold\":300.0,\"for\":\"300s\",\"severity\":\"critical\",\"status\":{\"state\":\"no-data\","
                + "\"detail\":\"metrics are not collected on this server, so this rule is not evaluated\"}}");

        CliRun.Result result = cli.run("alerts", "create", "Slow", "-a", "shop", "-e", "staging", "--when", "latency_p95_ms >= 300",
                "--for", "5m", "--resolve", "250", "--severity", "critical", "--channel", "chn_1", "--channel", "chn_2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Json.parse(server.last("POST", "/alerts/rules").bodyText())).isEqualTo(Json.parse("""
                {"name":"Slow","metric":"latency_p95_ms","comparison":">=","threshold":300.0,"for":"5m","resolveThreshold":250.0,
                 "severity":"critical","channels":["chn_1","chn_2"]}"""));
        assertThat(result.out()).isEqualTo("Created alert rule alr_9: latency_p95_ms >= 300 for 300s (critical).\n");
        assertThat(result.err()).contains("not collected");
    }

    @Test
    void aConditionThatIsNotMetricComparisonNumberIsAUsageErrorAndSendsNothing() {
        CliRun.Result result = cli.run("alerts", "create", "Bad", "-a", "shop", "--when", "cpu is high");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--when is");
        assertThat(server.requests("POST", "/alerts/rules")).isEmpty();
    }

    @Test
    void serverValidationErrorsArePrintedWithTheirFields() {
        server.on("POST", "/apps/shop/envs/production/alerts/rules", (exchange, request) -> FakeServer.send(exchange, 422,
                "application/problem+json", "{\"type\":\"invalid-alert-rule\",\"status\":422,\"detail\":\"The alert rule has invalid fields.\","
                        + "\"errors\":[{\"field\":\"metric\",\"message\":\"one of cpu_percent, memory_bytes\"}]}"));

        CliRun.Result result = cli.run("alerts", "create", "X", "-a", "shop", "--when", "cpu > 1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("The alert rule has invalid fields.").contains("metric");
    }

    @Test
    void acknowledgesAndSilences() {
        server.json("POST", "/alerts/alt_1/ack", 200, ALERT.replace("\"acknowledgedBy\":null", "\"acknowledgedBy\":\"admin\""));
        server.json("POST", "/alerts/alt_1/silence", 200, ALERT.replace("\"silenced\":false",
                "\"silenced\":false,\"silencedUntil\":\"2026-11-25T13:02:13.5Z\""));

        assertThat(cli.run("alerts", "ack", "alt_1").out()).isEqualTo("Acknowledged alt_1 (High CPU on shop/production).\n");
        assertThat(cli.run("alerts", "silence", "alt_1", "--for", "2h").out())
                .isEqualTo("Silenced High CPU on shop/production until 2026-11-25 13:02:13.\n");
        assertThat(server.last("POST", "/alerts/alt_1/silence").bodyText()).isEqualTo("{\"for\":\"2h\"}");
        assertThat(cli.run("alerts", "silence", "alt_1").exitCode()).as("--for or --until is required").isEqualTo(2);
    }

    @Test
    void listsRulesWithTheBuiltInOnes() {
        server.json("GET", "/apps/shop/envs/production/alerts/rules", 200, "{\"items\":[{\"id\":\"alr_1\",\"name\":\"High CPU\","
                + "\"metric\":\"cpu_percent\",\"comparison\":\">\",\"threshold\":80.0,\"for\":\"30s\",\"resolveThreshold\":60.0,"
                + "\"severity\":\"critical\",\"status\":{\"state\":\"pending\"}}],\"builtin\":[{\"kind\":\"crash-loop\",\"name\":\"Crash loop\","
                + "\"severity\":\"critical\",\"enabled\":true,\"firing\":false}]}");

        assertThat(cli.run("alerts", "rules", "-a", "shop").out()).isEqualTo("""
                ID          NAME        CONDITION                              SEVERITY  STATE
                alr_1       High CPU    cpu_percent > 80 for 30s (resolve 60)  critical  pending
                crash-loop  Crash loop  built-in                               critical  ok
                """);
    }

    @Test
    void createsListsAndTestsChannels() {
        server.json("POST", "/apps/shop/alerts/channels", 201, "{\"id\":\"chn_1\",\"type\":\"webhook\",\"target\":\"https://hooks.example.com/…\","
                + "\"secret\":\"generated-secret\"}");
        server.json("GET", "/apps/shop/alerts/channels", 200, "{\"items\":[{\"id\":\"chn_1\",\"name\":\"ops\",\"type\":\"webhook\",\"app\":\"shop\","
                + "\"global\":false,\"target\":\"https://hooks.example.com/…\",\"sent\":3,\"failed\":1}]}");
        server.json("POST", "/alerts/channels/chn_1/test", 200, "{\"delivered\":false,\"error\":\"answered 500\"}");

        CliRun.Result created = cli.run("alerts", "channels", "create", "ops", "-a", "shop", "--type", "webhook", "--url", "https://hooks.example.com/x");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("Created channel chn_1 (webhook, https://hooks.example.com/…).\nSigning secret: generated-secret\n");
        assertThat(server.last("POST", "/alerts/channels").bodyText())
                .isEqualTo("{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"https://hooks.example.com/x\"}");

        assertThat(cli.run("alerts", "channels", "-a", "shop").out()).isEqualTo("""
                ID     NAME  TYPE     SCOPE  TARGET                       DELIVERIES
                chn_1  ops   webhook  shop   https://hooks.example.com/…  3 sent, 1 failed
                """);

        CliRun.Result test = cli.run("alerts", "channels", "test", "chn_1");
        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.err()).isEqualTo("error: the test notification was not delivered: answered 500\n");
    }
}
