package dev.coderunner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code apps}, {@code apps:create}, {@code apps:destroy} and {@code open}. */
final class AppCommands {

    private static final int MAX_PAGES = 100;

    private AppCommands() {
    }

    @Command(name = "apps", description = "List apps and their environments.")
    static final class ListApps extends CliCommand {
        ListApps(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ApiClient api = context.api();
            ArrayNode apps = context.json().createArrayNode();
            String cursor = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                Map<String, String> query = new HashMap<>();
                query.put("cursor", cursor);
                JsonNode answer = api.get("/apps", query);
                answer.path("items").forEach(apps::add);
                cursor = Output.text(answer, "nextCursor");
                if (cursor.isEmpty()) {
                    break;
                }
            }
            if (context.jsonOption) {
                context.output().json(context.json().createObjectNode().set("items", apps));
                return 0;
            }
            if (apps.isEmpty()) {
                context.output().line("No apps yet. Create one with 'coderunner create NAME'.");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode app : apps) {
                for (JsonNode env : app.path("environments")) {
                    String release = Output.text(env, "currentRelease");
                    rows.add(List.of(Output.text(app, "name"), Output.text(env, "name"), Output.text(env, "status"),
                            Output.text(env, "instances"), release.isEmpty() ? "" : "v" + release,
                            Output.text(env, "url")));
                }
            }
            context.output().table(List.of("app", "env", "status", "instances", "release", "url"), rows);
            return 0;
        }
    }

    @Command(name = "apps:create", aliases = "create",
            description = "Create an app and link the current directory to it (.coderunner/app).")
    static final class Create extends CliCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--no-link", description = "Do not write .coderunner/app.")
        boolean noLink;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode app = context.api().post("/apps", Map.of("name", name));
            if (!noLink) {
                link(context, name);
            }
            if (context.jsonOption) {
                context.output().json(app);
                return 0;
            }
            context.output().line("Created app " + Output.text(app, "name") + ".");
            for (JsonNode env : app.path("environments")) {
                String url = Output.text(env, "url");
                if (!url.isEmpty()) {
                    context.output().line("  " + Output.text(env, "name") + ": " + url);
                }
            }
            if (!noLink) {
                context.output().line("Linked " + context.workDir + " to " + name + "; 'coderunner deploy' deploys it.");
            }
            return 0;
        }
    }

    @Command(name = "apps:destroy", description = "Delete an app, its environments, releases and instances.")
    static final class Destroy extends CliCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--confirm", paramLabel = "NAME", description = "Repeat the app name to confirm.")
        String confirm;

        Destroy(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String answer = confirm;
            if (answer == null && context.interactive && System.console() != null) {
                answer = System.console().readLine("This destroys %s and everything in it. Type its name to confirm: ",
                        name);
            }
            if (answer == null) {
                throw new CliException("destroying " + name + " needs --confirm " + name, CliException.USAGE);
            }
            if (!answer.strip().equals(name)) {
                throw new CliException("confirmation '" + answer.strip() + "' does not match the app name " + name);
            }
            context.api().delete("/apps/" + ApiClient.segment(name));
            unlinkIf(context, name);
            context.output().line("Destroyed app " + name + ".");
            return 0;
        }
    }

    @Command(name = "open", description = "Print the URL of the app's environment.")
    static final class Open extends EnvironmentCommand {
        Open(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            AppTarget target = target();
            JsonNode env = context.api().get(target.path());
            if (context.jsonOption) {
                context.output().json(env);
                return 0;
            }
            String url = Output.text(env, "url");
            if (url.isEmpty()) {
                throw new CliException(target.label() + " has no URL yet");
            }
            context.output().line(url);
            return 0;
        }
    }

    private static void link(CliContext context, String name) {
        Path link = context.workDir.resolve(AppOptions.LINK_FILE);
        try {
            Files.createDirectories(link.getParent());
            Files.writeString(link, name + "\n");
        } catch (IOException e) {
            context.output().note("warning: created " + name + " but could not write " + link + ": " + e.getMessage());
        }
    }

    private static void unlinkIf(CliContext context, String name) {
        Path link = context.workDir.resolve(AppOptions.LINK_FILE);
        try {
            if (Files.isRegularFile(link) && Files.readString(link).strip().equals(name)) {
                Files.delete(link);
            }
        } catch (IOException e) {
            context.output().note("warning: could not remove " + link + ": " + e.getMessage());
        }
    }
}
