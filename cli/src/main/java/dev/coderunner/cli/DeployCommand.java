package dev.coderunner.cli;

import dev.coderunner.cli.source.SourceArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code deploy}: pack a source directory, upload it and follow the deployment it starts. */
@Command(name = "deploy", description = "Pack DIR (honouring .gitignore and .coderunnerignore), upload it "
        + "and follow the deployment.")
final class DeployCommand extends CliCommand {

    private static final int UPLOAD_ATTEMPTS = 3;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Source directory (default: .).")
    Path dir;

    @Mixin
    AppOptions options;

    @Option(names = "--no-follow", description = "Return once the upload is accepted.")
    boolean noFollow;

    DeployCommand(CliContext context) {
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

    /** Uploads the archive, retrying a lost connection with the same key so the server starts one deployment. */
    private JsonNode upload(ApiClient api, AppTarget target, Path archive, long size)
            throws InterruptedException {
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            try {
                return uploadOnce(api, target, archive, size, idempotencyKey);
            } catch (IOException e) {
                if (attempt == UPLOAD_ATTEMPTS) {
                    throw api.unreachable(e);
                }
                output().note("upload interrupted (" + e.getMessage() + "); retrying");
                Thread.sleep(context.pollInterval.toMillis() * attempt);
            }
        }
    }

    private JsonNode uploadOnce(ApiClient api, AppTarget target, Path archive, long size, String key)
            throws IOException {
        try (UploadProgress progress = new UploadProgress(size, context.interactive())) {
            BodyPublisher body = BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
                try {
                    return progress.count(Files.newInputStream(archive));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }), size);
            long started = System.nanoTime();
            JsonNode deployment = api.upload(target.path() + "/deployments", body, "application/gzip",
                    Map.of("Idempotency-Key", key));
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (!context.interactive()) {
                output().line("-----> Uploaded " + Output.bytes(progress.sent()) + " in " + millis + " ms");
            }
            return deployment;
        }
    }
}
