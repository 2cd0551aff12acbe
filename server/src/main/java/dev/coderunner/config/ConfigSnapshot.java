package dev.coderunner.config;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** An environment's config at one moment: plain vars and secrets, both name → value. */
public record ConfigSnapshot(Map<String, String> vars, Map<String, String> secrets) {

    public static final String MASK = "••••••••";
    public static final ConfigSnapshot EMPTY = new ConfigSnapshot(Map.of(), Map.of());

    public ConfigSnapshot {
        vars = Map.copyOf(vars);
        secrets = Map.copyOf(secrets);
    }

    /** What the app's process sees: secrets win over vars of the same name. */
    public Map<String, String> merged() {
        Map<String, String> all = new TreeMap<>(vars);
        all.putAll(secrets);
        return all;
    }

    /** Safe to show: secret values replaced by a mask. */
    public Map<String, Object> masked() {
        Map<String, String> maskedSecrets = new TreeMap<>();
        secrets.keySet().forEach(k -> maskedSecrets.put(k, MASK));
        return Map.of("vars", new TreeMap<>(vars), "secrets", maskedSecrets);
    }

    /** This config laid over {@code defaults}: a name set here wins, whether it is a var or a secret on either side. */
    public ConfigSnapshot over(ConfigSnapshot defaults) {
        Map<String, String> v = new HashMap<>(defaults.vars);
        Map<String, String> s = new HashMap<>(defaults.secrets);
        vars.forEach((name, value) -> {
            s.remove(name);
            v.put(name, value);
        });
        secrets.forEach((name, value) -> {
            v.remove(name);
            s.put(name, value);
        });
        return new ConfigSnapshot(v, s);
    }

    boolean has(String name) {
        return vars.containsKey(name) || secrets.containsKey(name);
    }

    boolean isSecret(String name) {
        return secrets.containsKey(name);
    }

    String get(String name) {
        return secrets.containsKey(name) ? secrets.get(name) : vars.get(name);
    }
}
