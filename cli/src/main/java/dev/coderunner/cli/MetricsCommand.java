package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code metrics}: an environment's current figures, their range over a period, and each instance's. */
@Command(name = "metrics", description = "Show CPU, memory, traffic and latency of an environment and its instances.")
final class MetricsCommand extends EnvironmentCommand {

    private static final Set<String> RANGES = Set.of("5m", "1h", "24h", "7d");

    @Option(names = "--range", paramLabel = "RANGE", defaultValue = "1h",
            description = "Period for min/avg/max: 5m, 1h, 24h or 7d (default: ${DEFAULT-VALUE}).")
    String range;

    MetricsCommand(CliContext context) {
        super(context);
    }

    /** One figure: its wire name in the API, a label and how to print it. */
    private record Row(String figure, String label, DoubleFunction<String> format) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("cpu_percent", "CPU per instance", v -> String.format(Locale.ROOT, "%.1f%%", v)),
            new Row("memory_bytes", "Memory per instance", v -> Output.bytes((long) v)),
            new Row("requests_per_second", "Requests", v -> String.format(Locale.ROOT, "%.2f/s", v)),
            new Row("error_rate", "Errors (5xx)", v -> String.format(Locale.ROOT, "%.2f%%", v * 100)),
            new Row("latency_p50_ms", "Latency p50", MetricsCommand::millis),
            new Row("latency_p95_ms", "Latency p95", MetricsCommand::millis),
            new Row("latency_p99_ms", "Latency p99", MetricsCommand::millis),
            new Row("in_flight", "In flight", v -> String.format(Locale.ROOT, "%.0f", v)),
            new Row("instances", "Instances", v -> String.format(Locale.ROOT, "%.0f", v)),
            new Row("instances_unhealthy", "Unhealthy", v -> String.format(Locale.ROOT, "%.0f", v)),
            new Row("restarts", "Restarts", v -> String.format(Locale.ROOT, "%.0f", v)));

    @Override
    public Integer call() {
        if (!RANGES.contains(range)) {
            throw new CliException("--range must be one of 5m, 1h, 24h, 7d, not '" + range + "'", CliException.USAGE);
        }
        AppTarget target = target();
        // Only the figures shown: a 7-day answer with every figure of every instance is large.
        String figures = String.join(",", ROWS.stream().map(Row::figure).toList());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("range", range);
        query.put("figures", figures);
        JsonNode answer = context.api().get(target.path() + "/metrics", query);
        if (printedJson(answer)) {
            return 0;
        }
        output().line(target.label() + ", last " + range + " (" + answer.path("step").asInt() + " s steps)");
        JsonNode env = answer.path("environment");
        JsonNode current = answer.path("current");
        List<List<String>> rows = new ArrayList<>();
        for (Row row : ROWS) {
            double[] stats = stats(env.path(row.figure()));
            rows.add(List.of(row.label(), show(current.path(row.figure()), row.format()),
                    stats == null ? "—" : row.format().apply(stats[0]), stats == null ? "—" : row.format().apply(stats[1]),
                    stats == null ? "—" : row.format().apply(stats[2])));
        }
        output().table(List.of("figure", "now", "min", "avg", "max"), rows);
        List<List<String>> instances = new ArrayList<>();
        DoubleFunction<String> whole = v -> String.format(Locale.ROOT, "%.0f", v);
        for (JsonNode i : answer.path("currentInstances")) {
            instances.add(List.of(Output.text(i, "instance"), show(i.path("cpu_percent"), ROWS.get(0).format()),
                    show(i.path("memory_bytes"), ROWS.get(1).format()), show(i.path("threads"), whole), show(i.path("open_files"), whole),
                    show(i.path("restarts"), whole), show(i.path("uptime_seconds"), v -> Output.duration((long) v))));
        }
        if (!instances.isEmpty()) {
            output().line("");
            output().table(List.of("instance", "cpu", "memory", "threads", "open files", "restarts", "uptime"), instances);
        }
        return 0;
    }

    /** {min, avg, max} over the non-null values, or null when there are none. */
    static double[] stats(JsonNode values) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        int n = 0;
        for (JsonNode v : values) {
            if (v.isNumber()) {
                double d = v.asDouble();
                min = Math.min(min, d);
                max = Math.max(max, d);
                sum += d;
                n++;
            }
        }
        return n == 0 ? null : new double[] {min, sum / n, max};
    }

    private static String show(JsonNode value, DoubleFunction<String> format) {
        return value.isNumber() ? format.apply(value.asDouble()) : "—";
    }

    private static String millis(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
