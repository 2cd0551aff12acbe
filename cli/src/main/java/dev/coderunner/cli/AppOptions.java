package dev.coderunner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -a/--app} and {@code -e/--env}, shared by every command that acts on one environment. */
final class AppOptions {

    static final String LINK_FILE = ".coderunner/app";

    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "App name (default: $CODERUNNER_APP, then the .coderunner/app file).")
    String app;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", defaultValue = "production",
            description = "Environment (default: ${DEFAULT-VALUE}).")
    String env = "production";

    AppTarget resolve(CliContext context) {
        return resolve(context, context.workDir);
    }

    /** The flag, else {@code CODERUNNER_APP}, else the nearest {@code .coderunner/app} from {@code dir} upward. */
    AppTarget resolve(CliContext context, Path dir) {
        if (app != null && !app.isBlank()) {
            return new AppTarget(app, env);
        }
        String fromEnv = context.env.get("CODERUNNER_APP");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AppTarget(fromEnv.strip(), env);
        }
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path link = d.resolve(LINK_FILE);
            if (Files.isRegularFile(link)) {
                try {
                    String name = Files.readString(link).strip();
                    if (!name.isEmpty()) {
                        return new AppTarget(name, env);
                    }
                } catch (IOException e) {
                    throw new CliException("cannot read " + link + " (" + e.getMessage() + ")");
                }
            }
        }
        throw new CliException("no app given: use -a APP, set CODERUNNER_APP, or run 'coderunner create' here");
    }
}
