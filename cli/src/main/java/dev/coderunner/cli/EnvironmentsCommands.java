package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code envs}, {@code envs:create} and {@code promote}: an app's environments and moving a build between them. */
final class EnvironmentsCommands {

    private EnvironmentsCommands() {
    }

    @Command(name = "envs", description = "List the app's environments.")
    static final class ListEnvs extends EnvironmentCommand {
        ListEnvs(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String app = target().app();
            JsonNode page = context.api().get("/apps/" + ApiClient.segment(app) + "/envs");
            if (printedJson(page)) {
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode e : page.path("items")) {
                String release = Output.text(e, "currentRelease");
                rows.add(List.of(Output.text(e, "name"), Output.text(e, "status"), release.isEmpty() ? "-" : "v" + release,
                        Output.text(e, "instances"), Output.text(e, "url")));
            }
            output().table(List.of("env", "status", "release", "instances", "url"), rows);
            return 0;
        }
    }

    @Command(name = "envs:create", description = "Create an environment (e.g. staging) with its own config, releases and hostname.")
    static final class Create extends EnvironmentCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String app = target().app();
            JsonNode env = context.api().post("/apps/" + ApiClient.segment(app) + "/envs", Map.of("name", name));
            if (!printedJson(env)) {
                output().line("Created " + app + " (" + name + ")" + (Output.text(env, "url").isEmpty() ? "" : ": " + Output.text(env, "url")));
            }
            return 0;
        }
    }

    @Command(name = "promote", description = "Deploy a release of one environment to another without rebuilding; the target keeps its own config.")
    static final class Promote extends CliCommand {
        @Mixin
        AppOptions options;

        @Option(names = "--from", paramLabel = "ENV", defaultValue = "staging", description = "Source environment (default: ${DEFAULT-VALUE}).")
        String from;

        @Option(names = "--to", paramLabel = "ENV", required = true, description = "Target environment, e.g. production.")
        String to;

        @Option(names = "--release", paramLabel = "RELEASE", description = "Release of the source to promote (default: its current one).")
        String release;

        @Option(names = "--no-follow", description = "Return once the promotion is accepted.")
        boolean noFollow;

        Promote(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            AppTarget target = new AppTarget(options.resolve(context).app(), to);
            Map<String, Object> body = release == null ? Map.of("from", from)
                    : Map.of("from", from, "release", ReleaseCommands.parseRelease(release));
            ApiClient api = context.api();
            JsonNode deployment = api.post(target.path() + "/promote", body);
            output().line("-----> Promoting " + target.app() + " " + from + " to " + to + " as v" + Output.text(deployment, "release")
                    + " (deployment " + Output.text(deployment, "id") + ")");
            if (noFollow) {
                printedJson(deployment);
                return 0;
            }
            return new DeploymentFollower(context, api).follow(deployment);
        }
    }
}
