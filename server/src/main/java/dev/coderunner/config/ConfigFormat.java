package dev.coderunner.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.coderunner.web.ApiException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import/export formats: {@code .env} ({@code NAME=value} lines, a {@code # coderunner:secret} line marks
 * the next name as a secret), JSON and YAML (either a flat map, or {@code {vars: {...}, secrets: {...}}}).
 */
enum ConfigFormat {
    ENV, JSON, YAML;

    static final String SECRET_MARK = "# coderunner:secret";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Parsed file content: values in file order and which names the file marks as secrets. */
    record Parsed(Map<String, String> values, Set<String> secrets) {
    }

    static ConfigFormat parse(String name) {
        for (ConfigFormat f : values()) {
            if (f.name().equalsIgnoreCase(name == null ? "env" : name.replace(".", ""))) {
                return f;
            }
        }
        throw ApiException.badRequest("invalid-format", "format must be env, json or yaml; got '" + name + "'.");
    }

    Parsed read(String content) {
        return switch (this) {
            case ENV -> readEnv(content);
            case JSON -> {
                try {
                    yield structured(MAPPER.readValue(content, Object.class));
                } catch (JacksonException e) {
                    throw unreadable("JSON", e.getOriginalMessage());
                }
            }
            case YAML -> {
                try {
                    yield structured(new Yaml(new SafeConstructor(new LoaderOptions())).load(content));
                } catch (YAMLException e) {
                    throw unreadable("YAML", e.getMessage());
                }
            }
        };
    }

    /** Writes a config; secrets are written only when {@code withSecrets}, else left out (and named, in comments). */
    String write(ConfigSnapshot config, boolean withSecrets) {
        Map<String, String> vars = new TreeMap<>(config.vars());
        Map<String, String> secrets = new TreeMap<>(config.secrets());
        return switch (this) {
            case ENV -> {
                StringBuilder out = new StringBuilder();
                vars.forEach((k, v) -> out.append(k).append('=').append(quote(v)).append('\n'));
                secrets.forEach((k, v) -> out.append(withSecrets ? SECRET_MARK + "\n" + k + "=" + quote(v) + "\n"
                        : "# " + k + " is a secret (export with --reveal to include it)\n"));
                yield out.toString();
            }
            case JSON -> MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(withSecrets
                    ? Map.of("vars", vars, "secrets", secrets) : Map.of("vars", vars)) + "\n";
            case YAML -> {
                DumperOptions options = new DumperOptions();
                options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("vars", vars);
                if (withSecrets) {
                    doc.put("secrets", secrets);
                }
                String text = new Yaml(new Representer(options), options).dump(doc);
                if (!withSecrets && !secrets.isEmpty()) {
                    text += "# secrets not exported (use --reveal): " + String.join(", ", secrets.keySet()) + "\n";
                }
                yield text;
            }
        };
    }

    String mediaType() {
        return switch (this) {
            case ENV -> "text/plain";
            case JSON -> "application/json";
            case YAML -> "application/yaml";
        };
    }

    private static Parsed readEnv(String content) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        boolean nextIsSecret = false;
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals(SECRET_MARK)) {
                nextIsSecret = true;
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-import", "Line " + (i + 1)
                        + " is not NAME=value.", List.of(new ApiException.FieldError("line " + (i + 1), "expected NAME=value")));
            }
            String name = line.substring(0, eq).strip();
            values.put(name, unquote(line.substring(eq + 1).strip()));
            if (nextIsSecret) {
                secrets.add(name);
            }
            nextIsSecret = false;
        }
        return new Parsed(values, secrets);
    }

    private static Parsed structured(Object doc) {
        if (!(doc instanceof Map<?, ?> map)) {
            throw unreadable("document", "the top level must be a map of names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        boolean sectioned = map.keySet().stream().allMatch(k -> "vars".equals(k) || "secrets".equals(k))
                && map.values().stream().allMatch(v -> v instanceof Map);
        if (sectioned) {
            flat(map.get("vars"), values, null);
            flat(map.get("secrets"), values, secrets);
        } else {
            flat(map, values, null);
        }
        return new Parsed(values, secrets);
    }

    private static void flat(Object section, Map<String, String> into, Set<String> secrets) {
        if (section == null) {
            return;
        }
        List<String> bad = new ArrayList<>();
        ((Map<?, ?>) section).forEach((k, v) -> {
            if (v instanceof Map || v instanceof List) {
                bad.add(String.valueOf(k));
                return;
            }
            into.put(String.valueOf(k), v == null ? "" : String.valueOf(v));
            if (secrets != null) {
                secrets.add(String.valueOf(k));
            }
        });
        if (!bad.isEmpty()) {
            throw unreadable("document", "values must be text, numbers or booleans, not lists or maps: " + String.join(", ", bad));
        }
    }

    private static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:@+-]*")) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            String inner = value.substring(1, value.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    char n = inner.charAt(++i);
                    out.append(n == 'n' ? '\n' : n);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }

    private static ApiException unreadable(String what, String why) {
        return ApiException.badRequest("invalid-import", "The " + what + " could not be read: " + why);
    }
}
