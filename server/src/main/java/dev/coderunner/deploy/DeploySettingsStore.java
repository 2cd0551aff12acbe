package dev.coderunner.deploy;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeploySettingsStore {

    private final JdbcClient jdbc;

    DeploySettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DeploySettings> find(String app, String env) {
        return jdbc.sql("SELECT * FROM deploy_settings WHERE app = ? AND env = ?").params(app, env)
                .query((rs, n) -> new DeploySettings(rs.getString("strategy"), rs.getInt("max_surge"), rs.getInt("max_unavailable"),
                        rs.getInt("keep_warm_s"), rs.getInt("ready_timeout_s")))
                .optional();
    }

    void save(String app, String env, DeploySettings s) {
        jdbc.sql("DELETE FROM deploy_settings WHERE app = ? AND env = ?").params(app, env).update();
        jdbc.sql("INSERT INTO deploy_settings (app, env, strategy, max_surge, max_unavailable, keep_warm_s, ready_timeout_s) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(app, env, s.strategy(), s.maxSurge(), s.maxUnavailable(), (int) s.keepWarmSeconds(), (int) s.readyTimeoutSeconds())
                .update();
    }
}
