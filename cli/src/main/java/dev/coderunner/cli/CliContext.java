package dev.coderunner.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a command reads from the world: environment variables, working directory, streams and the
 * global options. Tests build one by hand; {@link CodeRunnerCli#main} builds the real one.
 */
final class CliContext {

    static final String DEFAULT_SERVER = "http://localhost:7700";

    final Map<String, String> env;
    final Path workDir;
    final InputStream in;
    final PrintWriter out;
    final PrintWriter err;
    final boolean interactive;
    /** How long to wait between polls of a deployment, and the first reconnect delay of {@code logs -f}. */
    Duration pollInterval = Duration.ofSeconds(1);

    String serverOption;
    boolean jsonOption;

    private JsonMapper json;
    private Output output;

    CliContext(Map<String, String> env, Path workDir, InputStream in, PrintWriter out, PrintWriter err,
               boolean interactive) {
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    JsonMapper json() {
        if (json == null) {
            json = JsonMapper.builder().build(); // built lazily: --help never pays for Jackson
        }
        return json;
    }

    Output output() {
        if (output == null) {
            output = new Output(out, err, json());
        }
        return output;
    }

    CredentialStore credentials() {
        String configured = env.get("CODERUNNER_CONFIG");
        Path file = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".config", "coderunner", "credentials.json");
        return new CredentialStore(file, json());
    }

    /** {@code --server}, else {@code CODERUNNER_URL}, else the server saved by login, else localhost. */
    String server() {
        if (serverOption != null) {
            return serverOption;
        }
        String fromEnv = env.get("CODERUNNER_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return credentials().load().map(Credentials::server).orElse(DEFAULT_SERVER);
    }

    /** {@code CODERUNNER_TOKEN} wins over the saved token, so CI never needs a credentials file. */
    String token() {
        String fromEnv = env.get("CODERUNNER_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return credentials().load().map(Credentials::token).orElse(null);
    }

    ApiClient api() {
        return new ApiClient(server(), token(), json());
    }

    ApiClient anonymousApi(String server) {
        return new ApiClient(server, null, json());
    }
}
