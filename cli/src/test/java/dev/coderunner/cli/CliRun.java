package dev.coderunner.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Runs CLI commands in-process against a {@link FakeServer}, with a private config file and captured output. */
final class CliRun {

    /** What one command did. */
    record Result(int exitCode, String out, String err) {
    }

    final Path home;
    final Map<String, String> env = new HashMap<>();
    Path workDir;
    String stdin = "";

    CliRun(Path home, FakeServer server) {
        this.home = home;
        this.workDir = home;
        env.put("CODERUNNER_CONFIG", configFile().toString());
        if (server != null) {
            env.put("CODERUNNER_URL", server.url());
        }
    }

    Path configFile() {
        return home.resolve("config/credentials.json");
    }

    CliRun loggedIn() {
        env.put("CODERUNNER_TOKEN", "test-token");
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(env, workDir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), false);
        context.pollInterval = Duration.ofMillis(20);
        int code = CodeRunnerCli.commandLine(context).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
