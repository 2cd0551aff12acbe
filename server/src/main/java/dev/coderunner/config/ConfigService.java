package dev.coderunner.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes config vars and secrets, with validation at the edge. A scope is an environment or
 * {@link #DEFAULTS}, the app-wide defaults every environment inherits (a name set in the environment wins).
 */
@Service
public class ConfigService {

    /** The pseudo-environment holding app-wide defaults. */
    public static final String DEFAULTS = "*";

    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> RESERVED = Set.of("PORT", "CODERUNNER_APP", "CODERUNNER_ENV", "CODERUNNER_RELEASE", "CODERUNNER_INSTANCE");
    static final int MAX_NAME = 200;
    static final int MAX_VALUE = 32 * 1024;
    static final int MAX_NAMES = 500;

    private final ConfigStore store;

    ConfigService(ConfigStore store) {
        this.store = store;
    }

    /** What an environment's processes get: its own config over the app-wide defaults. */
    public ConfigSnapshot current(String app, String env) {
        ConfigSnapshot defaults = store.load(app, DEFAULTS);
        return DEFAULTS.equals(env) ? defaults : store.load(app, env).over(defaults);
    }

    /** Only what is set in this scope (an environment, or {@link #DEFAULTS}), without inheritance. */
    public ConfigSnapshot own(String app, String scope) {
        return store.load(app, scope);
    }

    /** Applies a patch ({@code null} value removes the name) all-or-nothing; returns the scope's new effective config. */
    @Transactional
    public ConfigSnapshot patch(String app, String scope, Map<String, String> vars, Map<String, String> secrets) {
        validate(vars, secrets);
        int after = applied(store.load(app, scope), orEmpty(vars), orEmpty(secrets)).merged().size();
        if (after > MAX_NAMES) {
            throw ApiException.badRequest("too-many-config-vars", "An environment holds at most " + MAX_NAMES + " config names.");
        }
        apply(app, scope, vars, false);
        apply(app, scope, secrets, true);
        return current(app, scope);
    }

    /**
     * After a rollback: makes the environment's own config match a release's snapshot again, so the next
     * change starts from what runs. Names whose value and kind equal the app-wide default stay inherited.
     */
    @Transactional
    public void restore(String app, String env, ConfigSnapshot snapshot) {
        ConfigSnapshot defaults = store.load(app, DEFAULTS);
        ConfigSnapshot own = store.load(app, env);
        own.merged().keySet().forEach(name -> store.remove(app, env, name));
        snapshot.vars().forEach((name, value) -> {
            if (!(defaults.vars().containsKey(name) && value.equals(defaults.vars().get(name)))) {
                store.put(app, env, name, value, false);
            }
        });
        snapshot.secrets().forEach((name, value) -> {
            if (!(defaults.secrets().containsKey(name) && value.equals(defaults.secrets().get(name)))) {
                store.put(app, env, name, value, true);
            }
        });
    }

    /** What importing {@code parsed} into a scope would change; {@link #applyImport} applies exactly this plan. */
    public ImportPlan planImport(String app, String scope, ConfigFormat.Parsed parsed, Set<String> secretNames, boolean allSecret,
            boolean replace) {
        ConfigSnapshot before = own(app, scope);
        Map<String, String> vars = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        parsed.values().forEach((name, value) -> {
            boolean secret = allSecret || parsed.secrets().contains(name) || secretNames.contains(name) || before.isSecret(name);
            if (before.has(name) && value.equals(before.get(name)) && secret == before.isSecret(name)) {
                return; // unchanged
            }
            (secret ? secrets : vars).put(name, value);
        });
        if (replace) {
            before.vars().keySet().stream().filter(n -> !parsed.values().containsKey(n)).forEach(n -> vars.put(n, null));
            before.secrets().keySet().stream().filter(n -> !parsed.values().containsKey(n)).forEach(n -> secrets.put(n, null));
        }
        validate(vars, secrets);
        return new ImportPlan(ConfigDiff.between(before, applied(before, vars, secrets)), vars, secrets);
    }

    /** The changes an import makes: the diff shown in a preview, and the patch that applies it. */
    public record ImportPlan(ConfigDiff diff, Map<String, String> vars, Map<String, String> secrets) {
    }

    private static ConfigSnapshot applied(ConfigSnapshot before, Map<String, String> vars, Map<String, String> secrets) {
        Map<String, String> v = new HashMap<>(before.vars());
        Map<String, String> s = new HashMap<>(before.secrets());
        vars.forEach((name, value) -> {
            s.remove(name);
            if (value == null) {
                v.remove(name);
            } else {
                v.put(name, value);
            }
        });
        secrets.forEach((name, value) -> {
            if (value == null) {
                s.remove(name);
            } else {
                v.remove(name);
                s.put(name, value);
            }
        });
        return new ConfigSnapshot(v, s);
    }

    private static Map<String, String> orEmpty(Map<String, String> changes) {
        return changes == null ? Map.of() : changes;
    }

    private void apply(String app, String env, Map<String, String> changes, boolean secret) {
        if (changes == null) {
            return;
        }
        changes.forEach((name, value) -> {
            if (value == null) {
                store.remove(app, env, name);
            } else {
                store.put(app, env, name, value, secret);
            }
        });
    }

    /** Refuses bad names, reserved names and oversize values, listing every problem at once. */
    static void validate(Map<String, String> vars, Map<String, String> secrets) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        check(vars, "vars", errors);
        check(secrets, "secrets", errors);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-config", "Some config names or values are not allowed.", errors);
        }
    }

    private static void check(Map<String, String> changes, String field, List<ApiException.FieldError> errors) {
        if (changes == null) {
            return;
        }
        changes.forEach((name, value) -> {
            if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
                errors.add(new ApiException.FieldError(field + "." + name, "names are letters, digits and '_', not starting with a digit, at most " + MAX_NAME + " characters"));
            } else if (RESERVED.contains(name)) {
                errors.add(new ApiException.FieldError(field + "." + name, name + " is set by CodeRunner and cannot be changed"));
            } else if (value != null && value.length() > MAX_VALUE) {
                errors.add(new ApiException.FieldError(field + "." + name, "values are at most " + MAX_VALUE + " characters"));
            }
        });
    }
}
