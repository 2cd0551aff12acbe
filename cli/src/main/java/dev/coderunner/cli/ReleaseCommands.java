package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code deployments}, {@code releases} and {@code rollback}: the environment's history. */
final class ReleaseCommands {

    private ReleaseCommands() {
    }

    @Command(name = "deployments", description = "List the environment's deployments, newest first.")
    static final class Deployments extends EnvironmentCommand {
        Deployments(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode answer = context.api().get(target().path() + "/deployments");
            if (printedJson(answer)) {
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode d : answer.path("items")) {
                String release = Output.text(d, "release");
                rows.add(List.of(Output.text(d, "id"), Output.text(d, "kind"), Output.text(d, "status"),
                        release.isEmpty() ? "" : "v" + release, Output.time(d, "createdAt"),
                        Output.text(d, "createdBy"), Output.text(d, "reason")));
            }
            if (rows.isEmpty()) {
                output().line("No deployments yet.");
            }
            output().table(List.of("id", "kind", "status", "release", "created", "by", "reason"), rows);
            return 0;
        }
    }

    @Command(name = "releases", description = "List the environment's releases; * marks the current one.")
    static final class Releases extends EnvironmentCommand {
        Releases(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode answer = context.api().get(target().path() + "/releases");
            if (printedJson(answer)) {
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode r : answer.path("items")) {
                String mark = r.path("current").asBoolean(false) ? "*" : "";
                rows.add(List.of("v" + Output.text(r, "version") + mark, Output.text(r, "description"),
                        Output.time(r, "createdAt"), Output.text(r, "createdBy"), Output.text(r, "deploymentId")));
            }
            if (rows.isEmpty()) {
                output().line("No releases yet.");
            }
            output().table(List.of("release", "description", "created", "by", "deployment"), rows);
            return 0;
        }
    }

    @Command(name = "rollback", description = "Deploy an older release again, its config included.")
    static final class Rollback extends EnvironmentCommand {
        @Parameters(paramLabel = "RELEASE", description = "Release number, e.g. 3 or v3.")
        String release;

        @Option(names = "--no-follow", description = "Return once the rollback is accepted.")
        boolean noFollow;

        Rollback(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            int version = parseRelease(release);
            AppTarget target = target();
            ApiClient api = context.api();
            JsonNode deployment = api.post(target.path() + "/rollback", Map.of("release", version));
            output().line("-----> Rolling back " + target.label() + " to v" + version + " (deployment "
                    + Output.text(deployment, "id") + ")");
            if (noFollow) {
                printedJson(deployment);
                return 0;
            }
            return new DeploymentFollower(context, api).follow(deployment);
        }
    }

    @Command(name = "cancel", description = "Cancel a queued or running deployment; the running release keeps serving.")
    static final class Cancel extends CliCommand {
        @Parameters(paramLabel = "DEPLOYMENT", description = "Deployment id, e.g. dep_k3j9x0q2m1b7c5d8 (see 'deployments').")
        String id;

        Cancel(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode deployment = context.api().post("/deployments/" + id + "/cancel", Map.of());
            if (printedJson(deployment)) {
                return 0;
            }
            output().line("Deployment " + id + ": " + Output.text(deployment, "status")
                    + ("cancelled".equals(Output.text(deployment, "status")) ? "" : " (stops at its next step)"));
            return 0;
        }
    }

    /** Accepts {@code 3} or {@code v3}. */
    static int parseRelease(String text) {
        String digits = text.startsWith("v") ? text.substring(1) : text;
        try {
            int version = Integer.parseInt(digits);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below with the bad value
        }
        throw new CliException("release must be a number like 3 or v3, not '" + text + "'", CliException.USAGE);
    }
}
