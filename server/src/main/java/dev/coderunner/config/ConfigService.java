package dev.coderunner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes an environment's config vars and secrets, with validation at the edge. */
@Service
public class ConfigService {

    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> RESERVED = Set.of("PORT", "CODERUNNER_APP", "CODERUNNER_ENV", "CODERUNNER_RELEASE", "CODERUNNER_INSTANCE");
    static final int MAX_NAME = 200;
    static final int MAX_VALUE = 32 * 1024;

    private final ConfigStore store;

    ConfigService(ConfigStore store) {
        this.store = store;
    }

    public ConfigSnapshot current(String app, String env) {
        return store.load(app, env);
    }

    /** Applies a patch ({@code null} value removes the name) all-or-nothing; returns the new config. */
    @Transactional
    public ConfigSnapshot patch(String app, String env, Map<String, String> vars, Map<String, String> secrets) {
        validate(vars, "vars");
        validate(secrets, "secrets");
        apply(app, env, vars, false);
        apply(app, env, secrets, true);
        return store.load(app, env);
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

    private static void validate(Map<String, String> changes, String field) {
        if (changes == null) {
            return;
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        changes.forEach((name, value) -> {
            if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
                errors.add(new ApiException.FieldError(field + "." + name, "names are letters, digits and '_', not starting with a digit, at most " + MAX_NAME + " characters"));
            } else if (RESERVED.contains(name)) {
                errors.add(new ApiException.FieldError(field + "." + name, name + " is set by CodeRunner and cannot be changed"));
            } else if (value != null && value.length() > MAX_VALUE) {
                errors.add(new ApiException.FieldError(field + "." + name, "values are at most " + MAX_VALUE + " characters"));
            }
        });
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-config", "Some config names or values are not allowed.", errors);
        }
    }
}
