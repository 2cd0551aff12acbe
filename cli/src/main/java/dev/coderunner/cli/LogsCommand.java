package dev.coderunner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code logs}: recent log entries, or {@code -f} to follow them over SSE, resuming by itself after a drop. */
@Command(name = "logs", description = "Show recent logs; -f follows them.")
final class LogsCommand extends EnvironmentCommand {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    @Option(names = {"-f", "--follow"}, description = "Keep printing new entries; reconnects when the stream drops.")
    boolean follow;

    @Option(names = "--since", paramLabel = "WHEN", description = "ISO-8601 time or duration such as 15m or 1h.")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "ISO-8601 time or duration.")
    String until;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Only this level or worse, e.g. error.")
    String level;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only entries containing TEXT.")
    String grep;

    @Option(names = "--instance", paramLabel = "ID", description = "Only this instance, e.g. web.2.")
    String instance;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "How many recent entries (default: ${DEFAULT-VALUE}).")
    int limit;

    LogsCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (limit < 1) {
            throw new CliException("-n must be at least 1, not " + limit, CliException.USAGE);
        }
        AppTarget target = target();
        ApiClient api = context.api();
        if (!follow) {
            JsonNode answer = api.get(target.path() + "/logs", query());
            if (context.jsonOption) {
                context.output().json(answer);
            } else {
                answer.path("items").forEach(this::print);
            }
            return 0;
        }
        return tail(api, target);
    }

    /** Follows until interrupted; a problem answer (app gone, token revoked) ends it, a dropped stream does not. */
    private int tail(ApiClient api, AppTarget target) throws InterruptedException {
        String lastId = null;
        Duration backoff = context.pollInterval;
        while (!Thread.currentThread().isInterrupted()) {
            Map<String, String> headers = lastId == null ? Map.of() : Map.of("Last-Event-ID", lastId);
            Map<String, String> query = query();
            if (lastId != null) {
                query.remove("since"); // the cursor says where to resume; since and limit would replay older entries
                query.remove("limit");
            }
            try (InputStream body = api.openStream(target.path() + "/logs", query, headers);
                 SseReader events = new SseReader(body)) {
                SseEvent event;
                while ((event = events.next()) != null) {
                    lastId = event.id() != null ? event.id() : lastId;
                    backoff = context.pollInterval;
                    print(event.data());
                }
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                // dropped or refused: retry below with the last cursor
            }
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return 0;
    }

    private Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("since", since);
        query.put("until", until);
        query.put("level", level);
        query.put("q", grep);
        query.put("instance", instance);
        query.put("limit", String.valueOf(limit));
        return query;
    }

    private void print(String data) {
        try {
            print(context.json().readTree(data));
        } catch (JacksonException e) {
            context.output().line(data);
        }
    }

    private void print(JsonNode entry) {
        if (context.jsonOption) {
            context.output().line(entry.toString());
            return;
        }
        String level = Output.text(entry, "level");
        String stream = Output.text(entry, "stream");
        StringBuilder line = new StringBuilder(Output.text(entry, "time")).append(' ')
                .append(Output.text(entry, "instance"));
        if (!stream.isEmpty() && !"stdout".equals(stream)) {
            line.append('[').append(stream).append(']');
        }
        if (!level.isEmpty() && !"info".equals(level)) {
            line.append(' ').append(level.toUpperCase());
        }
        context.output().line(line.append(": ").append(Output.text(entry, "message")).toString());
    }
}
