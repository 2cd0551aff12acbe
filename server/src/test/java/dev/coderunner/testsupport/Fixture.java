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
                    health: { path: /healthz, interval: 300ms, timeout: 300ms, retries: 2, grace: 3s }
                %s%s""".formatted(worker, envYaml);
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
