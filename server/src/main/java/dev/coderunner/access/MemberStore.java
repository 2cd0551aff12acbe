package dev.coderunner.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code app_members}. */
@Repository
class MemberStore {

    private final JdbcClient jdbc;

    MemberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String app, String userId, AppRole role, Instant createdAt, String createdBy) {
    }

    Optional<AppRole> role(String app, String userId) {
        return jdbc.sql("SELECT role FROM app_members WHERE app = ? AND user_id = ?").params(app, userId)
                .query(String.class).optional().map(AppRole::valueOf);
    }

    /** The apps a user is a member of, with their role on each, in app order. */
    Map<String, AppRole> ofUser(String userId) {
        Map<String, AppRole> out = new LinkedHashMap<>();
        jdbc.sql("SELECT app, role FROM app_members WHERE user_id = ? ORDER BY app").param(userId)
                .query(rs -> {
                    out.put(rs.getString("app"), AppRole.valueOf(rs.getString("role")));
                });
        return out;
    }

    List<Row> ofApp(String app) {
        return jdbc.sql("SELECT * FROM app_members WHERE app = ? ORDER BY created_at, user_id").param(app)
                .query((rs, n) -> new Row(rs.getString("app"), rs.getString("user_id"), AppRole.valueOf(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    /** Inserts or changes the role; returns true when the user was not a member before. */
    boolean put(String app, String userId, AppRole role, Instant now, String by) {
        int updated = jdbc.sql("UPDATE app_members SET role = ? WHERE app = ? AND user_id = ?").params(role.name(), app, userId).update();
        if (updated == 1) {
            return false;
        }
        jdbc.sql("INSERT INTO app_members (app, user_id, role, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(app, userId, role.name(), Timestamp.from(now), by).update();
        return true;
    }

    boolean delete(String app, String userId) {
        return jdbc.sql("DELETE FROM app_members WHERE app = ? AND user_id = ?").params(app, userId).update() == 1;
    }
}
