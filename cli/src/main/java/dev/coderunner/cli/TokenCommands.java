package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tokens}: list, create and revoke API tokens ({@code cr_…}) for CI and scripts. */
@Command(name = "tokens", description = "List API tokens; 'tokens create' and 'tokens revoke' manage them.",
        subcommands = {TokenCommands.Create.class, TokenCommands.Revoke.class})
final class TokenCommands extends CliCommand {

    TokenCommands(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        JsonNode tokens = context.api().get("/auth/tokens");
        if (context.jsonOption) {
            context.output().json(tokens);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode token : tokens.path("items")) {
            rows.add(List.of(Output.text(token, "id"), Output.text(token, "name"), Output.text(token, "scope"),
                    Output.time(token, "createdAt"), Output.time(token, "expiresAt"), Output.time(token, "lastUsedAt")));
        }
        if (rows.isEmpty()) {
            context.output().line("No API tokens.");
        }
        context.output().table(List.of("id", "name", "scope", "created", "expires", "last used"), rows);
        return 0;
    }

    @Command(name = "create", description = "Create an API token; it is shown once.")
    static final class Create extends CliCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--scope", defaultValue = "deploy",
                description = "read, deploy or admin (default: ${DEFAULT-VALUE}).")
        TokenScope scope;

        @Option(names = "--expires-days", paramLabel = "N")
        Integer expiresDays;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("scope", scope.name());
            if (expiresDays != null) {
                body.put("expiresInDays", expiresDays);
            }
            JsonNode token = context.api().post("/auth/tokens", body);
            if (context.jsonOption) {
                context.output().json(token);
                return 0;
            }
            context.output().line(Output.text(token, "token"));
            context.output().note("Created token " + Output.text(token, "id") + " (" + name + ", scope " + scope
                    + "). Store it now: it will not be shown again.");
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke an API token.")
    static final class Revoke extends CliCommand {
        @Parameters(paramLabel = "ID")
        String id;

        Revoke(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            context.api().delete("/auth/tokens/" + ApiClient.segment(id));
            context.output().line("Revoked token " + id + ".");
            return 0;
        }
    }

    /** The scopes a token may carry, narrowest first. */
    enum TokenScope { read, deploy, admin }
}
