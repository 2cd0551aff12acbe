package dev.coderunner.logs;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Per-environment retention overrides ({@code log_settings}); absent means the configured defaults. */
@Component
class LogSettingsStore {

    /** How long and how much of an environment's log is kept. */
    record Retention(Duration maxAge, long maxBytes) {
    }

    private final JdbcClient jdbc;

    LogSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Retention> find(String app, String env) {
        return jdbc.sql("SELECT max_age_seconds, max_size_bytes FROM log_settings WHERE app = ? AND env = ?").params(app, env)
                .query((rs, n) -> new Retention(Duration.ofSeconds(rs.getLong(1)), rs.getLong(2))).optional();
    }

    void save(String app, String env, Retention r) {
        int updated = jdbc.sql("UPDATE log_settings SET max_age_seconds = ?, max_size_bytes = ? WHERE app = ? AND env = ?")
                .params(r.maxAge().toSeconds(), r.maxBytes(), app, env).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO log_settings (app, env, max_age_seconds, max_size_bytes) VALUES (?, ?, ?, ?)")
                    .params(app, env, r.maxAge().toSeconds(), r.maxBytes()).update();
        }
    }
}
