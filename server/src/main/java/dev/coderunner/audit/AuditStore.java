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

/** Audit rows: inserted and read, never updated or deleted. */
@Repository
class AuditStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Instant time, String actor, String action, String target, String ip, Map<String, Object> detail) {
        jdbc.sql("INSERT INTO audit_events (time, actor, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(time), actor, action, target, ip, JSON.writeValueAsString(detail)).update();
    }

    /** Newest first, ids below {@code beforeId}; a {@code null} filter matches everything. */
    List<AuditEvent> find(AuditQuery q, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE id < ?");
        List<Object> params = new ArrayList<>(List.of(beforeId));
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(q.actor());
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
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("time").toInstant(), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("ip"), JSON.readValue(rs.getString("detail"), DETAIL));
    }
}
