package dev.coderunner.build;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import dev.coderunner.health.HealthCheckSpec;

/** The {@code health} block of a process; fields left out keep the platform defaults. */
final class ManifestHealth {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

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
                case "interval" -> interval[0] = orDefault(duration(value, field, yaml), d.interval());
                case "timeout" -> timeout[0] = orDefault(duration(value, field, yaml), d.timeout());
                case "grace" -> grace[0] = orDefault(duration(value, field, yaml), d.grace());
                case "retries" -> retries[0] = yaml.integer(value, field, 1, 100);
                default -> yaml.error(field, value, "unknown key '" + key + "'; expected path, interval, timeout, retries or grace");
            }
        });
        if (timeout[0].compareTo(interval[0]) > 0) {
            yaml.error(path + ".timeout", node, "must not be longer than the interval (" + interval[0].toSeconds() + "s)");
        }
        return new HealthCheckSpec(checkPath[0], interval[0], timeout[0], retries[0], grace[0]);
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}: the unit is required so nobody guesses. */
    private static Duration duration(Node node, String path, ManifestYaml yaml) {
        Matcher m = node instanceof ScalarNode scalar ? DURATION.matcher(scalar.getValue()) : null;
        if (m != null && m.matches() && Long.parseLong(m.group(1)) > 0) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        yaml.error(path, node, "must be a positive duration with a unit: ms, s, m or h (e.g. 10s)");
        return null;
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
