package dev.coderunner.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import dev.coderunner.testsupport.Archives;

/** The metrics test app ({@code fixtures/metrics/app.js}): burns a chosen share of a core and holds a chosen amount of memory. */
final class MetricsFixture {

    private MetricsFixture() {
    }

    static byte[] archive(int burnPercent, int holdMb, int instances) {
        String yaml = """
                processes:
                  web:
                    command: node app.js
                    instances: %d
                    health: { path: /healthz, interval: 1s, timeout: 1s, retries: 3, grace: 20s }
                env:
                %s
                """.formatted(instances, Map.of("BURN_PERCENT", burnPercent, "HOLD_MB", holdMb).entrySet().stream()
                .map(e -> "  " + e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining("\n")));
        return Archives.tarGz().file("coderunner.yaml", yaml).file("app.js", appJs()).bytes();
    }

    private static String appJs() {
        try {
            return Files.readString(Path.of(MetricsFixture.class.getResource("/fixtures/metrics/app.js").toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
