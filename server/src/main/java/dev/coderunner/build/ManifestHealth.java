package dev.coderunner.build;

import java.time.Duration;

import org.yaml.snakeyaml.nodes.Node;

import dev.coderunner.health.HealthCheckSpec;

/** The {@code health} block of a process; fields left out keep the platform defaults. */
final class ManifestHealth {

    private ManifestHealth() {
    }

    static HealthCheckSpec read(Node node, String path, ManifestYaml yaml) {
        HealthCheckSpec d = HealthCheckSpec.DEFAULT;
        String[] checkPath = {d.path()};
        Duration[] interval = {d.interval()};
        Duration[] timeout = {d.timeout()};
        Duration[] grace = {d.grace()};
        int[] retries = {d.retries()};
        yaml.entries(node, path, (key, value) -> {
            String field = path + "." + key;
            switch (key) {
                case "path" -> {
                    checkPath[0] = yaml.string(value, field);
                    if (checkPath[0] != null && !checkPath[0].startsWith("/")) {
                        yaml.error(field, value, "must start with '/', e.g. /healthz");
                    }
                }
                case "interval" -> interval[0] = orDefault(yaml.duration(value, field), d.interval());
                case "timeout" -> timeout[0] = orDefault(yaml.duration(value, field), d.timeout());
                case "grace" -> grace[0] = orDefault(yaml.duration(value, field), d.grace());
                case "retries" -> retries[0] = yaml.integer(value, field, 1, 100);
                default -> yaml.error(field, value, "unknown key '" + key + "'; expected path, interval, timeout, retries or grace");
            }
        });
        if (timeout[0].compareTo(interval[0]) > 0) {
            yaml.error(path + ".timeout", node, "must not be longer than the interval (" + interval[0].toSeconds() + "s)");
        }
        return new HealthCheckSpec(checkPath[0], interval[0], timeout[0], retries[0], grace[0]);
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
