package dev.coderunner.config;

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
}
