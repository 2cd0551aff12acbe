package dev.coderunner.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The misbehaving test app ({@code fixtures/behave/app.js}) packed with a coderunner.yaml: fast health
 * checks on {@code /healthz}, and env vars choosing how it misbehaves (see app.js).
 */
public final class Fixture {

    private Fixture() {
    }

    /** A web process (and optionally a worker) with these env vars. */
    public static byte[] archive(Map<String, String> env, boolean withWorker, Map<String, String> workerEnv) {
        return archive(env, withWorker, workerEnv, "3s");
    }

    /** A web process whose health checks ignore failures for {@code grace} after it starts. */
    public static byte[] archive(Map<String, String> env, String grace) {
        return archive(env, false, Map.of(), grace);
    }

    private static byte[] archive(Map<String, String> env, boolean withWorker, Map<String, String> workerEnv, String grace) {
        String envYaml = env.isEmpty() ? "" : "env:\n" + env.entrySet().stream()
                .map(e -> "  " + e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining("\n")) + "\n";
        String worker = !withWorker ? "" : """
                  worker:
                    command: %s node app.js
                """.formatted(workerEnv.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        String yaml = """
                processes:
                  web:
                    command: node app.js
                    health: { path: /healthz, interval: 300ms, timeout: 300ms, retries: 2, grace: %s }
                %s%s""".formatted(grace, worker, envYaml);
        return Archives.tarGz().file("coderunner.yaml", yaml).file("app.js", appJs()).bytes();
    }

    public static byte[] archive(Map<String, String> env) {
        return archive(env, false, Map.of());
    }

    private static String appJs() {
        try {
            return Files.readString(Path.of(Fixture.class.getResource("/fixtures/behave/app.js").toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
