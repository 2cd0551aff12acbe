package dev.coderunner.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Audit rows: inserted and read, never updated or deleted (no code path does either, and a trigger refuses both: V70 in db/vendor/h2 and db/vendor/postgresql). */
@Repository
class AuditStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AuditEvent e) {
        jdbc.sql("INSERT INTO audit_events (time, actor, action, target, app, env, method, route, status, ip, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(e.time()), cut(e.actor(), 100), cut(e.action(), 100), cut(e.target(), 300), cut(e.app(), 40),
                        cut(e.env(), 40), e.method(), cut(e.route(), 300), e.status(), cut(e.ip(), 100), JSON.writeValueAsString(e.detail()))
                .update();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Newest first, ids below {@code beforeId}; a {@code null} filter matches everything. */
    List<AuditEvent> find(AuditQuery q, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE id < ?");
        List<Object> params = new ArrayList<>(List.of(beforeId));
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(q.actor());
        }
        if (q.app() != null) {
            sql.append(" AND app = ?");
            params.add(q.app());
        }
        if (q.action() != null) { // "config." matches every config action
            sql.append(q.action().endsWith(".") ? " AND action LIKE ?" : " AND action = ?");
            params.add(q.action().endsWith(".") ? q.action() + "%" : q.action());
        }
        if (q.target() != null) { // "shop" matches "shop" and "shop/…"
            sql.append(" AND (target = ? OR target LIKE ?)");
            params.add(q.target());
            params.add(q.target() + "/%");
        }
        if (q.since() != null) {
            sql.append(" AND time >= ?");
            params.add(Timestamp.from(q.since()));
        }
        if (q.until() != null) {
            sql.append(" AND time < ?");
            params.add(Timestamp.from(q.until()));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        int status = rs.getInt("status");
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("time").toInstant(), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("app"), rs.getString("env"), rs.getString("method"), rs.getString("route"),
                rs.wasNull() ? null : status, rs.getString("ip"), JSON.readValue(rs.getString("detail"), DETAIL));
    }
}
