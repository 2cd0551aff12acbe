package dev.coderunner.cli;

import dev.coderunner.cli.source.SourceArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code deploy}, {@code deployments}, {@code releases} and {@code rollback}. */
final class DeployCommands {

    private DeployCommands() {
    }

    @Command(name = "deploy", description = "Pack DIR (honouring .gitignore and .coderunnerignore), upload it "
            + "and follow the deployment.")
    static final class Deploy extends CliCommand {
        @Parameters(paramLabel = "DIR", arity = "0..1", description = "Source directory (default: .).")
        Path dir;

        @Mixin
        AppOptions options;

        @Option(names = "--no-follow", description = "Return once the upload is accepted.")
        boolean noFollow;

        Deploy(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path source = context.workDir.resolve(dir == null ? Path.of(".") : dir).normalize();
            if (!Files.isDirectory(source)) {
                throw new CliException(source + " is not a directory", CliException.USAGE);
            }
            AppTarget target = options.resolve(context, source);
            ApiClient api = context.api();
            Path archive = Files.createTempFile("coderunner-source-", ".tar.gz");
            try {
                SourceArchive.Summary summary = SourceArchive.pack(source, archive,
                        warning -> output().note("warning: " + warning));
                output().line("-----> Packed " + summary.files() + " files into "
                        + Output.bytes(summary.archiveBytes()) + " for " + target.label());
                JsonNode deployment = upload(api, target, archive, summary.archiveBytes());
                output().line("-----> Deployment " + Output.text(deployment, "id") + " accepted");
                if (noFollow) {
                    printedJson(deployment);
                    return 0;
                }
                return new DeploymentFollower(context, api).follow(deployment);
            } finally {
                Files.deleteIfExists(archive);
            }
        }

        private JsonNode upload(ApiClient api, AppTarget target, Path archive, long size) {
            try (UploadProgress progress = new UploadProgress(size, context.interactive)) {
                BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
                    try {
                        return progress.count(Files.newInputStream(archive));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size);
                long started = System.nanoTime();
                JsonNode deployment = api.upload(target.path() + "/deployments", body, "application/gzip",
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (!context.interactive) {
                    output().line("-----> Uploaded " + Output.bytes(progress.sent()) + " in " + millis + " ms");
                }
                return deployment;
            }
        }
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
