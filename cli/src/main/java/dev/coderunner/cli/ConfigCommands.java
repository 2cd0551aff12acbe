package dev.coderunner.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code env}, {@code env:set} and {@code env:unset}: the environment's config vars and secrets. */
final class ConfigCommands {

    private ConfigCommands() {
    }

    @Command(name = "env", description = "Show config vars, and secrets masked.")
    static final class Show extends EnvironmentCommand {
        Show(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            print(this, context.api().get(target().path() + "/config"));
            return 0;
        }
    }

    @Command(name = "env:set", description = "Set config vars (or secrets with --secret); makes a new release.")
    static final class Set extends EnvironmentCommand {
        @Parameters(paramLabel = "NAME=VALUE", arity = "1..*")
        List<String> assignments;

        @Option(names = "--secret", description = "Store the values as secrets (encrypted, masked).")
        boolean secret;

        Set(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, String> values = new LinkedHashMap<>();
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw usage("'" + assignment + "' is not NAME=VALUE");
                }
                values.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
            Map<String, Object> body = Map.of(secret ? "secrets" : "vars", values);
            print(this, context.api().patch(target().path() + "/config", body));
            return 0;
        }
    }

    @Command(name = "env:unset", description = "Remove config vars or secrets; makes a new release.")
    static final class Unset extends EnvironmentCommand {
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> names;

        Unset(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String path = target().path() + "/config";
            ApiClient api = context.api();
            JsonNode current = api.get(path);
            Map<String, String> vars = new HashMap<>();
            Map<String, String> secrets = new HashMap<>();
            for (String name : names) {
                if (current.path("vars").has(name)) {
                    vars.put(name, null); // null removes the name
                } else if (current.path("secrets").has(name)) {
                    secrets.put(name, null);
                } else {
                    throw new CliException(name + " is not set");
                }
            }
            Map<String, Object> body = new HashMap<>();
            body.put("vars", vars);
            body.put("secrets", secrets);
            print(this, api.patch(path, body));
            return 0;
        }
    }

    private static void print(CliCommand command, JsonNode config) {
        if (command.printedJson(config)) {
            return;
        }
        Output output = command.output();
        config.path("vars").properties().forEach(e -> output.line(e.getKey() + "=" + e.getValue().asString()));
        config.path("secrets").properties().forEach(e -> output.line(e.getKey() + "=" + e.getValue().asString()
                + "  (secret)"));
        String release = Output.text(config, "release");
        if (!release.isEmpty()) {
            output.note("release v" + release);
        }
    }
}
