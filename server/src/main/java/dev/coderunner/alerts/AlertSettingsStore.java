package dev.coderunner.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The per-environment switches of built-in rules and the silences of rules ({@code alert_builtin_settings}, {@code alert_silences}). */
@Component
class AlertSettingsStore {

    private final JdbcClient jdbc;

    AlertSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Built-in kinds with an explicit switch for the environment; a kind missing here is on. */
    Map<String, Boolean> builtinSwitches(String app, String env) {
        Map<String, Boolean> out = new HashMap<>();
        jdbc.sql("SELECT kind, enabled FROM alert_builtin_settings WHERE app = ? AND env = ?").params(app, env)
                .query(rs -> {
                    out.put(rs.getString("kind"), rs.getBoolean("enabled"));
                });
        return out;
    }

    boolean builtinEnabled(String app, String env, BuiltinRule rule) {
        return builtinSwitches(app, env).getOrDefault(rule.kind(), true);
    }

    void setBuiltin(String app, String env, BuiltinRule rule, boolean enabled) {
        int n = jdbc.sql("UPDATE alert_builtin_settings SET enabled = ? WHERE app = ? AND env = ? AND kind = ?")
                .params(enabled, app, env, rule.kind()).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO alert_builtin_settings (app, env, kind, enabled) VALUES (?, ?, ?, ?)")
                    .params(app, env, rule.kind(), enabled).update();
        }
    }

    /** Until when the rule is silenced, if it is silenced at {@code now}. */
    Optional<Instant> silencedUntil(String app, String env, String ruleKey, Instant now) {
        return jdbc.sql("SELECT until_time FROM alert_silences WHERE app = ? AND env = ? AND rule_key = ?").params(app, env, ruleKey)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).filter(now::isBefore);
    }

    void silence(String app, String env, String ruleKey, Instant until, String by) {
        unsilence(app, env, ruleKey);
        jdbc.sql("INSERT INTO alert_silences (app, env, rule_key, until_time, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(app, env, ruleKey, Timestamp.from(until), by).update();
    }

    void unsilence(String app, String env, String ruleKey) {
        jdbc.sql("DELETE FROM alert_silences WHERE app = ? AND env = ? AND rule_key = ?").params(app, env, ruleKey).update();
    }
}
