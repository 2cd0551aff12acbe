package dev.coderunner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code env:import}, {@code env:export}, {@code env:diff} and {@code env:reveal}: config as files, diffs and secrets. */
final class ConfigFileCommands {

    private ConfigFileCommands() {
    }

    @Command(name = "env:import", description = "Import config from a .env, JSON or YAML file (one release); --preview shows the changes only.")
    static final class Import extends EnvironmentCommand {
        @Parameters(paramLabel = "FILE", description = "The file; '-' reads stdin.")
        String file;

        @Option(names = "--preview", description = "Show what would change and change nothing.")
        boolean preview;

        @Option(names = "--format", paramLabel = "FORMAT", description = "env, json or yaml (default: from the file name, else env).")
        String format;

        @Option(names = "--secret", paramLabel = "NAME", description = "Store NAME as a secret (repeatable).")
        List<String> secrets = List.of();

        @Option(names = "--all-secret", description = "Store every imported value as a secret.")
        boolean allSecret;

        @Option(names = "--replace", description = "Also remove names the file does not have.")
        boolean replace;

        Import(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("format", format != null ? format : formatOf(file));
            body.put("content", read(file));
            body.put("secrets", secrets);
            body.put("allSecret", allSecret);
            body.put("replace", replace);
            JsonNode answer = context.api().post(target().path() + "/config/import" + (preview ? "?preview=true" : ""), body);
            if (printedJson(answer)) {
                return 0;
            }
            printChanges(output(), answer.path("changes"));
            if (preview) {
                output().note("Preview only: nothing was changed.");
            } else if (!Output.text(answer, "release").isEmpty() && answer.has("deployment")) {
                output().note("release v" + Output.text(answer, "release"));
            }
            return 0;
        }

        private String read(String name) {
            try {
                return name.equals("-") ? new String(context.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(context.workDir.resolve(name));
            } catch (IOException e) {
                throw new CliException("cannot read " + name + " (" + e.getMessage() + ")");
            }
        }
    }

    @Command(name = "env:export", description = "Print the config as .env, JSON or YAML; secrets only with --reveal (audited).")
    static final class Export extends EnvironmentCommand {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "env", description = "env, json or yaml (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--reveal", description = "Include secret values (needs permission; recorded in the audit log).")
        boolean reveal;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (mode 600) instead of stdout.")
        Path file;

        Export(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("format", format);
            if (reveal) {
                query.put("reveal", "true");
            }
            String text = context.api().getText(target().path() + "/config/export", query);
            if (file == null) {
                context.out.print(text);
                context.out.flush();
                return 0;
            }
            try {
                Path path = context.workDir.resolve(file);
                Files.deleteIfExists(path);
                Files.createFile(path, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(path, text);
            } catch (IOException e) {
                throw new CliException("cannot write " + file + " (" + e.getMessage() + ")");
            }
            output().note("Wrote " + file);
            return 0;
        }
    }

    @Command(name = "env:diff", description = "Config differences (secrets masked): --from vN [--to vM] between releases, or --to ENV against another environment.")
    static final class Diff extends EnvironmentCommand {
        @Option(names = "--from", paramLabel = "RELEASE", description = "A release of this environment, e.g. v3.")
        String from;

        @Option(names = "--to", paramLabel = "RELEASE|ENV", description = "A release (vN), or another environment's name; default: the current config.")
        String to;

        Diff(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, String> query = new HashMap<>();
            if (from != null) {
                query.put("from", Integer.toString(ReleaseCommands.parseRelease(from)));
                if (to != null) {
                    query.put("to", Integer.toString(ReleaseCommands.parseRelease(to)));
                }
            } else if (to != null && !to.matches("v?\\d+")) {
                query.put("env", to);
            } else {
                throw usage("give --from vN (and optionally --to vM), or --to ENV");
            }
            JsonNode diff = context.api().get(target().path() + "/config/diff", query);
            if (printedJson(diff)) {
                return 0;
            }
            output().note("Config of " + target().app() + ": " + Output.text(diff, "from") + " → " + Output.text(diff, "to"));
            printChanges(output(), diff.path("changes"));
            return 0;
        }
    }

    @Command(name = "env:reveal", description = "Show secret values (needs permission; recorded in the audit log).")
    static final class Reveal extends EnvironmentCommand {
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these secrets (default: all).")
        List<String> names = List.of();

        Reveal(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            StringBuilder path = new StringBuilder(target().path() + "/config?reveal=true");
            names.forEach(n -> path.append("&name=").append(ApiClient.segment(n)));
            JsonNode config = context.api().get(path.toString());
            if (printedJson(config)) {
                return 0;
            }
            config.path("secrets").properties().forEach(e -> output().line(e.getKey() + "=" + e.getValue().asString()));
            return 0;
        }
    }

    static String formatOf(String file) {
        String lower = file.toLowerCase();
        if (lower.endsWith(".json")) {
            return "json";
        }
        return lower.endsWith(".yaml") || lower.endsWith(".yml") ? "yaml" : "env";
    }

    /** {@code + NAME=value}, {@code ~ NAME: old → new}, {@code - NAME}; secrets arrive masked from the server. */
    static void printChanges(Output output, JsonNode changes) {
        if (changes.isEmpty()) {
            output.line("No changes.");
            return;
        }
        for (JsonNode c : changes) {
            String name = Output.text(c, "name") + (c.path("secret").asBoolean() ? " (secret)" : "");
            switch (Output.text(c, "change")) {
                case "added" -> output.line("+ " + name + "=" + Output.text(c, "to"));
                case "removed" -> output.line("- " + name);
                default -> output.line("~ " + name + ": " + Output.text(c, "from") + " → " + Output.text(c, "to"));
            }
        }
    }
}
