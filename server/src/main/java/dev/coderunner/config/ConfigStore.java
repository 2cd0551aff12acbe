package dev.coderunner.config;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Config rows; secret values are stored only as ciphertext. */
@Repository
class ConfigStore {

    private final JdbcClient jdbc;
    private final SecretBox box;

    ConfigStore(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    ConfigSnapshot load(String app, String env) {
        Map<String, String> vars = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        jdbc.sql("SELECT name, content, secret FROM config_vars WHERE app = ? AND env = ?").params(app, env).query(rs -> {
            String name = rs.getString("name");
            if (rs.getBoolean("secret")) {
                secrets.put(name, box.decrypt(rs.getString("content"), context(app, env, name)));
            } else {
                vars.put(name, rs.getString("content"));
            }
        });
        return new ConfigSnapshot(vars, secrets);
    }

    void put(String app, String env, String name, String value, boolean secret) {
        remove(app, env, name);
        String content = secret ? box.encrypt(value, context(app, env, name)) : value;
        jdbc.sql("INSERT INTO config_vars (app, env, name, content, secret) VALUES (?, ?, ?, ?, ?)")
                .params(app, env, name, content, secret).update();
    }

    void remove(String app, String env, String name) {
        jdbc.sql("DELETE FROM config_vars WHERE app = ? AND env = ? AND name = ?").params(app, env, name).update();
    }

    static String context(String app, String env, String name) {
        return "config/" + app + "/" + env + "/" + name;
    }
}
