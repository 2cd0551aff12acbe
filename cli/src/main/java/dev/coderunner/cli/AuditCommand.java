package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code audit}: who did what, when and from where (admins and operators); a page as a table, or every match as CSV/JSON. */
@Command(name = "audit", description = "Show the audit log (admins and operators); --format csv|json exports every matching row.")
final class AuditCommand extends CliCommand {

    enum Format { csv, json }

    @Option(names = "--user", paramLabel = "USERNAME", description = "Only what this user did.")
    String user;

    @Option(names = "--app", paramLabel = "APP", description = "Only what concerns this app.")
    String app;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. config.reveal.")
    String action;

    @Option(names = "--since", paramLabel = "TIME", description = "ISO-8601 time or a duration back from now (15m, 2h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "Rows per page (1-200, default 50).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after the page that printed this cursor.")
    String cursor;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or json: print every matching row in that format.")
    Format format;

    AuditCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "user", user);
        put(query, "app", app);
        put(query, "action", action);
        put(query, "since", since);
        put(query, "until", until);
        ApiClient api = context.api();
        if (format != null) {
            query.put("format", format.name());
            context.out.print(api.getText("/audit", query));
            context.out.flush();
            return 0;
        }
        put(query, "limit", limit == null ? null : limit.toString());
        put(query, "cursor", cursor);
        JsonNode page = api.get("/audit", query);
        if (context.jsonOption) {
            context.output().json(page);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode e : page.path("items")) {
            rows.add(List.of(Output.time(e, "time"), Output.text(e, "actor"), Output.text(e, "action"), Output.text(e, "target"),
                    Output.text(e, "ip")));
        }
        if (rows.isEmpty()) {
            context.output().line("No audit entries match.");
            return 0;
        }
        context.output().table(List.of("time", "user", "action", "target", "ip"), rows);
        String next = Output.text(page, "nextCursor");
        if (!next.isEmpty()) {
            context.output().note("More entries: coderunner audit --cursor " + next + " (with the same filters).");
        }
        return 0;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value);
        }
    }
}
