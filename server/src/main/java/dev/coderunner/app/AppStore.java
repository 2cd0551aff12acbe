package dev.coderunner.app;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class AppStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    AppStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(App app) {
        jdbc.sql("INSERT INTO apps (name, created_at, created_by) VALUES (?, ?, ?)")
                .params(app.name(), Timestamp.from(app.createdAt()), app.createdBy()).update();
    }

    void insert(Environment env) {
        jdbc.sql("INSERT INTO environments (app, name, created_at, current_release, formation, desired_state) VALUES (?, ?, ?, ?, ?, ?)")
                .params(env.app(), env.name(), Timestamp.from(env.createdAt()), env.currentRelease(), JSON.writeValueAsString(env.formation()),
                        env.desiredState().name())
                .update();
    }

    Optional<App> find(String name) {
        return jdbc.sql("SELECT * FROM apps WHERE name = ?").param(name).query((rs, n) -> app(rs)).optional();
    }

    /** Apps in name order after {@code cursor}, at most {@code limit}. */
    List<App> list(String cursor, int limit) {
        return jdbc.sql("SELECT * FROM apps WHERE name > ? ORDER BY name LIMIT ?").params(cursor == null ? "" : cursor, limit)
                .query((rs, n) -> app(rs)).list();
    }

    /** Like {@link #list(String, int)}, limited to the named apps. */
    List<App> list(String cursor, int limit, java.util.Collection<String> only) {
        if (only.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM apps WHERE name > :cursor AND name IN (:only) ORDER BY name LIMIT :limit")
                .param("cursor", cursor == null ? "" : cursor).param("only", only).param("limit", limit)
                .query((rs, n) -> app(rs)).list();
    }

    List<Environment> environments(String app) {
        return jdbc.sql("SELECT * FROM environments WHERE app = ? ORDER BY created_at, name").param(app).query((rs, n) -> env(rs)).list();
    }

    List<Environment> allEnvironments() {
        return jdbc.sql("SELECT * FROM environments ORDER BY app, name").query((rs, n) -> env(rs)).list();
    }

    Optional<Environment> environment(String app, String name) {
        return jdbc.sql("SELECT * FROM environments WHERE app = ? AND name = ?").params(app, name).query((rs, n) -> env(rs)).optional();
    }

    void setCurrentRelease(String app, String env, int version) {
        jdbc.sql("UPDATE environments SET current_release = ? WHERE app = ? AND name = ?").params(version, app, env).update();
    }

    void setFormation(String app, String env, Map<String, Integer> formation) {
        jdbc.sql("UPDATE environments SET formation = ? WHERE app = ? AND name = ?")
                .params(JSON.writeValueAsString(formation), app, env).update();
    }

    void setDesiredState(String app, String env, Environment.DesiredState state) {
        jdbc.sql("UPDATE environments SET desired_state = ? WHERE app = ? AND name = ?").params(state.name(), app, env).update();
    }

    void delete(String app) {
        jdbc.sql("DELETE FROM apps WHERE name = ?").param(app).update();
    }

    private static App app(ResultSet rs) throws SQLException {
        return new App(rs.getString("name"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }

    private static Environment env(ResultSet rs) throws SQLException {
        int release = rs.getInt("current_release");
        Integer current = rs.wasNull() ? null : release;
        Map<String, Integer> formation = JSON.readValue(rs.getString("formation"), new TypeReference<LinkedHashMap<String, Integer>>() {
        });
        return new Environment(rs.getString("app"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                current, formation, Environment.DesiredState.valueOf(rs.getString("desired_state")));
    }
}
