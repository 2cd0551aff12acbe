package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code alerts}: firing alerts and history; {@code alerts rules|create|ack|silence} manage rules and episodes. */
@Command(name = "alerts", description = "List firing alerts (--all for history); 'alerts rules|create|ack|silence|channels' manage them.",
        subcommands = {AlertCommands.Rules.class, AlertCommands.Create.class, AlertCommands.Ack.class, AlertCommands.Silence.class,
                AlertChannelCommands.class})
final class AlertCommands extends CliCommand {

    @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "Only this app's alerts.")
    String app;

    @Option(names = "--all", description = "Every alert, resolved ones included (newest first).")
    boolean all;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N alerts (default: ${DEFAULT-VALUE}).")
    int limit;

    AlertCommands(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        if (!all) {
            query.put("state", "firing");
        }
        if (app != null) {
            query.put("app", app);
        }
        query.put("limit", Integer.toString(limit));
        JsonNode alerts = context.api().get("/alerts", query);
        if (printedJson(alerts)) {
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode a : alerts.path("items")) {
            String state = Output.text(a, "state") + (a.hasNonNull("acknowledgedBy") ? " (ack)" : "") + (a.path("silenced").asBoolean() ? " (silenced)" : "");
            rows.add(List.of(Output.text(a, "id"), state, Output.text(a, "severity"), Output.text(a, "app") + "/" + Output.text(a, "env"),
                    Output.text(a, "ruleName"), Output.time(a, "firedAt"), Output.text(a, "summary")));
        }
        if (rows.isEmpty()) {
            output().line(all ? "No alerts." : "No alerts firing.");
        }
        output().table(List.of("id", "state", "severity", "app", "rule", "fired", "summary"), rows);
        return 0;
    }

    @Command(name = "rules", description = "List an environment's alert rules, built-in ones included.")
    static final class Rules extends EnvironmentCommand {
        Rules(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode rules = context.api().get(target().path() + "/alerts/rules");
            if (printedJson(rules)) {
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode r : rules.path("items")) {
                rows.add(List.of(Output.text(r, "id"), Output.text(r, "name"), Output.text(r, "metric") + " " + Output.text(r, "comparison")
                        + " " + number(r.path("threshold")) + " for " + Output.text(r, "for") + " (resolve " + number(r.path("resolveThreshold")) + ")",
                        Output.text(r, "severity"), r.path("status").path("state").asString("")));
            }
            for (JsonNode b : rules.path("builtin")) {
                rows.add(List.of(Output.text(b, "kind"), Output.text(b, "name"), "built-in", Output.text(b, "severity"),
                        b.path("enabled").asBoolean() ? (b.path("firing").asBoolean() ? "firing" : "ok") : "disabled"));
            }
            output().table(List.of("id", "name", "condition", "severity", "state"), rows);
            return 0;
        }
    }

    @Command(name = "create", description = "Create an alert rule, e.g. alerts create \"High CPU\" --when \"cpu_percent > 80\" --for 5m --resolve 60")
    static final class Create extends EnvironmentCommand {
        private static final Pattern WHEN = Pattern.compile("\\s*([a-z0-9_]+)\\s*(>=|<=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*");

        @Parameters(paramLabel = "NAME", description = "What the alert is called in notifications.")
        String name;

        @Option(names = "--when", required = true, paramLabel = "CONDITION",
                description = "metric comparison threshold, e.g. \"cpu_percent > 80\"; metrics: cpu_percent, memory_bytes, "
                        + "requests_per_second, error_rate, latency_p95_ms, latency_p99_ms, restarts, instances_unhealthy.")
        String when;

        @Option(names = "--for", paramLabel = "DURATION", description = "How long the condition must hold before the alert fires (30s, 5m; default: at once).")
        String forDuration;

        @Option(names = "--resolve", paramLabel = "VALUE", description = "Resolve only once the value is past this (default: the threshold).")
        Double resolve;

        @Option(names = "--severity", paramLabel = "LEVEL", defaultValue = "warning", description = "info, warning or critical (default: ${DEFAULT-VALUE}).")
        String severity;

        @Option(names = "--channel", paramLabel = "ID", description = "Send notifications to this channel (repeatable).")
        List<String> channels = new ArrayList<>();

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Matcher m = WHEN.matcher(when);
            if (!m.matches()) {
                throw usage("--when is \"metric > number\" (or >=, <, <=), not '" + when + "'");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("metric", m.group(1));
            body.put("comparison", m.group(2));
            body.put("threshold", Double.parseDouble(m.group(3)));
            if (forDuration != null) {
                body.put("for", forDuration);
            }
            if (resolve != null) {
                body.put("resolveThreshold", resolve);
            }
            body.put("severity", severity);
            body.put("channels", channels);
            JsonNode rule = context.api().post(target().path() + "/alerts/rules", body);
            if (printedJson(rule)) {
                return 0;
            }
            output().line("Created alert rule " + Output.text(rule, "id") + ": " + Output.text(rule, "metric") + " "
                    + Output.text(rule, "comparison") + " " + number(rule.path("threshold")) + " for " + Output.text(rule, "for")
                    + " (" + Output.text(rule, "severity") + ").");
            String state = rule.path("status").path("state").asString("");
            if (state.equals("no-data")) {
                output().note(rule.path("status").path("detail").asString(""));
            }
            return 0;
        }
    }

    @Command(name = "ack", description = "Acknowledge a firing alert (PagerDuty and webhooks are told).")
    static final class Ack extends CliCommand {
        @Parameters(paramLabel = "ID")
        String id;

        Ack(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode alert = context.api().post("/alerts/" + ApiClient.segment(id) + "/ack", Map.of());
            if (!printedJson(alert)) {
                output().line("Acknowledged " + id + " (" + Output.text(alert, "ruleName") + " on " + Output.text(alert, "app") + "/"
                        + Output.text(alert, "env") + ").");
            }
            return 0;
        }
    }

    @Command(name = "silence", description = "Silence an alert's rule in its environment: new alerts of it notify nobody until then.")
    static final class Silence extends CliCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @ArgGroup(multiplicity = "1")
        Until until;

        static final class Until {
            @Option(names = "--for", paramLabel = "DURATION", description = "For this long, e.g. 2h (at most 30d).")
            String duration;

            @Option(names = "--until", paramLabel = "TIME", description = "Until this ISO-8601 time, e.g. 2026-11-25T18:00:00Z.")
            String time;
        }

        Silence(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, Object> body = until.duration != null ? Map.of("for", until.duration) : Map.of("until", until.time);
            JsonNode alert = context.api().post("/alerts/" + ApiClient.segment(id) + "/silence", body);
            if (!printedJson(alert)) {
                output().line("Silenced " + Output.text(alert, "ruleName") + " on " + Output.text(alert, "app") + "/" + Output.text(alert, "env")
                        + " until " + Output.time(alert, "silencedUntil") + ".");
            }
            return 0;
        }
    }

    /** 80.0 → 80, 0.05 → 0.05. */
    static String number(JsonNode n) {
        double v = n.asDouble();
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
