package dev.coderunner.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Config rows of one scope: an environment, or the app-wide defaults ({@link ConfigService#DEFAULTS},
 * kept in their own table). Secret values are stored only as ciphertext.
 */
@Repository
class ConfigStore implements SecretHolder {

    private final JdbcClient jdbc;
    private final SecretBox box;

    ConfigStore(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    ConfigSnapshot load(String app, String env) {
        Map<String, String> vars = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        jdbc.sql("SELECT name, content, secret FROM " + table(env) + " WHERE app = ?" + envClause(env)).params(params(app, env)).query(rs -> {
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
        if (isDefaults(env)) {
            jdbc.sql("INSERT INTO config_defaults (app, name, content, secret) VALUES (?, ?, ?, ?)").params(app, name, content, secret).update();
        } else {
            jdbc.sql("INSERT INTO config_vars (app, env, name, content, secret) VALUES (?, ?, ?, ?, ?)")
                    .params(app, env, name, content, secret).update();
        }
    }

    void remove(String app, String env, String name) {
        List<Object> params = new java.util.ArrayList<>(params(app, env));
        params.add(name);
        jdbc.sql("DELETE FROM " + table(env) + " WHERE app = ?" + envClause(env) + " AND name = ?").params(params).update();
    }

    @Override
    public String name() {
        return "config";
    }

    @Override
    public Map<Integer, Long> keyUsage() {
        Map<Integer, Long> usage = new HashMap<>();
        for (String table : List.of("config_vars", "config_defaults")) {
            jdbc.sql("SELECT content FROM " + table + " WHERE secret = TRUE")
                    .query(rs -> {
                        usage.merge(SecretBox.keyId(rs.getString(1)), 1L, Long::sum);
                    });
        }
        return usage;
    }

    @Override
    public int reencrypt(SecretBox with) {
        int changed = 0;
        record Row(String app, String env, String name, String content) {
        }
        List<Row> rows = new java.util.ArrayList<>(jdbc.sql("SELECT app, env, name, content FROM config_vars WHERE secret = TRUE")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list());
        rows.addAll(jdbc.sql("SELECT app, name, content FROM config_defaults WHERE secret = TRUE")
                .query((rs, n) -> new Row(rs.getString(1), ConfigService.DEFAULTS, rs.getString(2), rs.getString(3))).list());
        for (Row row : rows) {
            String again = with.reencrypt(row.content(), context(row.app(), row.env(), row.name()));
            if (!again.equals(row.content())) {
                // only if nobody changed the row meanwhile; a newer value is under the primary already
                List<Object> params = new java.util.ArrayList<>(List.of(again));
                params.addAll(params(row.app(), row.env()));
                params.add(row.name());
                params.add(row.content());
                changed += jdbc.sql("UPDATE " + table(row.env()) + " SET content = ? WHERE app = ?" + envClause(row.env())
                        + " AND name = ? AND content = ?").params(params).update();
            }
        }
        return changed;
    }

    static String context(String app, String env, String name) {
        return "config/" + app + "/" + env + "/" + name;
    }

    private static boolean isDefaults(String env) {
        return ConfigService.DEFAULTS.equals(env);
    }

    private static String table(String env) {
        return isDefaults(env) ? "config_defaults" : "config_vars";
    }

    private static String envClause(String env) {
        return isDefaults(env) ? "" : " AND env = ?";
    }

    private static List<Object> params(String app, String env) {
        return isDefaults(env) ? List.of(app) : List.of(app, env);
    }
}
