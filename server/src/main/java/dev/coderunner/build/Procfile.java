package dev.coderunner.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.coderunner.health.HealthCheckSpec;

/** Heroku's Procfile: one {@code type: command} per line; blank lines and {@code #} comments are skipped. */
final class Procfile {

    static final String FILE = "Procfile";
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:\\s*(.*)$");
    private static final int MAX_BYTES = 64 * 1024;

    private Procfile() {
    }

    static Map<String, ProcessSpec> read(Path file) {
        try {
            ManifestErrors errors = new ManifestErrors(FILE);
            if (Files.size(file) > MAX_BYTES) {
                errors.add("", 0, "is larger than " + MAX_BYTES / 1024 + " KiB");
                errors.throwIfAny();
            }
            Map<String, ProcessSpec> processes = parse(Files.readAllLines(file), errors);
            errors.throwIfAny();
            return processes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Map<String, ProcessSpec> parse(List<String> lines, ManifestErrors errors) {
        Map<String, ProcessSpec> processes = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                errors.add("line " + lineNumber, lineNumber, "expected 'type: command', got '" + abbreviate(line) + "'");
                continue;
            }
            String type = m.group(1);
            String command = m.group(2).strip();
            if (!ManifestYaml.PROCESS_TYPE.matcher(type).matches()) {
                errors.add(type, lineNumber, "a process type is 1-30 lowercase letters, digits, '-' or '_', starting with a letter");
            } else if (command.isEmpty()) {
                errors.add(type, lineNumber, "'" + type + "' has no command");
            } else if (processes.containsKey(type)) {
                errors.add(type, lineNumber, "'" + type + "' is declared twice");
            } else {
                processes.put(type, new ProcessSpec(command, 1, type.equals("web") ? HealthCheckSpec.DEFAULT : null));
            }
        }
        if (processes.isEmpty()) {
            errors.add("", 0, "declares no process; add a line like 'web: node server.js'");
        }
        return processes;
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
