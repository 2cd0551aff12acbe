package dev.coderunner.build;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.coderunner.health.HealthCheckSpec;

/**
 * Reads {@code coderunner.yaml} strictly (schema in docs/manifest.md). It walks SnakeYAML's node
 * tree rather than loading maps, because only nodes remember their line, and the type a value was
 * written with ({@code 2} versus {@code "2"}).
 */
final class ManifestYaml {

    static final String FILE = "coderunner.yaml";
    static final Pattern PROCESS_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,29}");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_BYTES = 64 * 1024;
    static final int MAX_INSTANCES = 100;

    /** What the file declares; {@code processes} is null when the file has no processes key. */
    record Declared(boolean hasBuild, String build, Map<String, ProcessSpec> processes, Map<String, String> env) {
    }

    private final ManifestErrors errors = new ManifestErrors(FILE);

    private ManifestYaml() {
    }

    static Declared read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                ManifestErrors errors = new ManifestErrors(FILE);
                errors.add("", 0, "is larger than " + MAX_BYTES / 1024 + " KiB");
                errors.throwIfAny();
            }
            return new ManifestYaml().parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Declared parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            errors.add("", e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, "is not valid YAML: " + e.getProblem());
            errors.throwIfAny();
            throw e;
        } catch (YAMLException e) {
            errors.add("", 0, "is not valid YAML: " + e.getMessage());
            errors.throwIfAny();
            throw e;
        }
        Declared declared = root == null ? new Declared(false, null, null, Map.of()) : top(root);
        errors.throwIfAny();
        return declared;
    }

    private Declared top(Node root) {
        String[] build = {null};
        boolean[] hasBuild = {false};
        List<Map<String, ProcessSpec>> processes = new ArrayList<>(1);
        Map<String, String> env = new LinkedHashMap<>();
        entries(root, "", (key, value) -> {
            switch (key) {
                case "build" -> {
                    hasBuild[0] = true;
                    build[0] = value.getTag().equals(Tag.NULL) ? null : string(value, "build");
                }
                case "processes" -> processes.add(processes(value));
                case "env" -> entries(value, "env", (name, v) -> env.put(name, envValue(v, "env." + name)));
                default -> errors.add(key, value, "unknown key '" + key + "'; expected build, processes or env");
            }
        });
        return new Declared(hasBuild[0], build[0] == null || build[0].isBlank() ? null : build[0], processes.isEmpty() ? null : processes.getFirst(), env);
    }

    private Map<String, ProcessSpec> processes(Node node) {
        Map<String, ProcessSpec> processes = new LinkedHashMap<>();
        entries(node, "processes", (type, value) -> {
            if (!PROCESS_TYPE.matcher(type).matches()) {
                errors.add("processes." + type, value, "a process type is 1-30 lowercase letters, digits, '-' or '_', starting with a letter");
            }
            processes.put(type, process(type, value));
        });
        if (processes.isEmpty() && node instanceof MappingNode) {
            errors.add("processes", node, "declare at least one process, e.g. web");
        }
        return processes;
    }

    private ProcessSpec process(String type, Node node) {
        String path = "processes." + type;
        String[] command = {null};
        int[] instances = {1};
        HealthCheckSpec[] health = {type.equals("web") ? HealthCheckSpec.DEFAULT : null};
        entries(node, path, (key, value) -> {
            switch (key) {
                case "command" -> command[0] = string(value, path + ".command");
                case "instances" -> instances[0] = integer(value, path + ".instances", 0, MAX_INSTANCES);
                case "health" -> health[0] = ManifestHealth.read(value, path + ".health", this);
                case "resources", "scaling" -> errors.add(path + "." + key, value,
                        "'" + key + "' is not supported in " + FILE + " yet; set it through the API or dashboard");
                default -> errors.add(path + "." + key, value, "unknown key '" + key + "'; expected command, instances or health");
            }
        });
        if (node instanceof MappingNode && (command[0] == null || command[0].isBlank())) {
            errors.add(path + ".command", node, "every process needs a command");
        }
        return new ProcessSpec(command[0], instances[0], health[0]);
    }

    /** Calls {@code each} for every key of a mapping, refusing non-mappings, non-string keys and duplicates. */
    void entries(Node node, String path, BiConsumer<String, Node> each) {
        if (!(node instanceof MappingNode mapping)) {
            errors.add(path, node, "must be a mapping of keys to values");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                errors.add(path, tuple.getKeyNode(), "keys must be plain names");
            } else if (!seen.add(key.getValue())) {
                errors.add(join(path, key.getValue()), key, "'" + key.getValue() + "' is given twice");
            } else {
                each.accept(key.getValue(), tuple.getValueNode());
            }
        }
    }

    String string(Node node, String path) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            return scalar.getValue();
        }
        errors.add(path, node, "must be a string");
        return null;
    }

    int integer(Node node, String path, int min, int max) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT) && scalar.getValue().matches("\\d{1,9}")) {
            int value = Integer.parseInt(scalar.getValue());
            if (value >= min && value <= max) {
                return value;
            }
        }
        errors.add(path, node, "must be a whole number from " + min + " to " + max);
        return min;
    }

    void error(String path, Node node, String message) {
        errors.add(path, node, message);
    }

    private String envValue(Node node, String path) {
        String name = path.substring("env.".length());
        if (!ENV_NAME.matcher(name).matches()) {
            errors.add(path, node, "an environment variable name is letters, digits and '_', not starting with a digit");
        }
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return scalar.getValue();
        }
        errors.add(path, node, "must be a string, number or boolean");
        return "";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
