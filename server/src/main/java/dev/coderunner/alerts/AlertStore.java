package dev.coderunner.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** The {@code alerts} table: every episode, kept as history once resolved. */
@Component
class AlertStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** Filters of a history query; null fields match everything. */
    record Query(String app, String env, String state, Instant beforeFiredAt, String beforeId, int limit) {
    }

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Alert a) {
        jdbc.sql("""
                INSERT INTO alerts (id, app, env, rule_key, rule_name, severity, metric, threshold, last_value, summary, state, started_at,
                fired_at, resolved_at, acknowledged_at, acknowledged_by, silenced, channels) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.app(), a.env(), a.rule(), a.ruleName(), a.severity(), a.metric(), a.threshold(), a.value(), a.summary(),
                        a.state(), ts(a.startedAt()), ts(a.firedAt()), ts(a.resolvedAt()), ts(a.acknowledgedAt()), a.acknowledgedBy(),
                        a.silenced(), AlertRuleStore.JSON.writeValueAsString(a.channels()))
                .update();
    }

    /** Moves a firing alert to resolved; false when it was not firing any more (someone else resolved it). */
    boolean resolve(Alert a) {
        return jdbc.sql("UPDATE alerts SET state = ?, resolved_at = ?, last_value = ? WHERE id = ? AND state = ?")
                .params(Alert.RESOLVED, ts(a.resolvedAt()), a.value(), a.id(), Alert.FIRING).update() > 0;
    }

    boolean acknowledge(Alert a) {
        return jdbc.sql("UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL")
                .params(ts(a.acknowledgedAt()), a.acknowledgedBy(), a.id()).update() > 0;
    }

    void updateValue(String id, double value) {
        jdbc.sql("UPDATE alerts SET last_value = ? WHERE id = ?").params(value, id).update();
    }

    Optional<Alert> find(String id) {
        return jdbc.sql("SELECT * FROM alerts WHERE id = ?").param(id).query(AlertStore::row).optional();
    }

    Optional<Alert> firing(String app, String env, String ruleKey) {
        return jdbc.sql("SELECT * FROM alerts WHERE app = ? AND env = ? AND rule_key = ? AND state = ? ORDER BY fired_at DESC")
                .params(app, env, ruleKey, Alert.FIRING).query(AlertStore::row).list().stream().findFirst();
    }

    List<Alert> allFiring() {
        return jdbc.sql("SELECT * FROM alerts WHERE state = ? ORDER BY fired_at DESC").param(Alert.FIRING).query(AlertStore::row).list();
    }

    /** Newest first. */
    List<Alert> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM alerts WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.app() != null) {
            sql.append(" AND app = ?");
            params.add(q.app());
        }
        if (q.env() != null) {
            sql.append(" AND env = ?");
            params.add(q.env());
        }
        if (q.state() != null) {
            sql.append(" AND state = ?");
            params.add(q.state());
        }
        if (q.beforeFiredAt() != null) {
            sql.append(" AND (fired_at < ? OR (fired_at = ? AND id < ?))");
            params.add(ts(q.beforeFiredAt()));
            params.add(ts(q.beforeFiredAt()));
            params.add(q.beforeId());
        }
        sql.append(" ORDER BY fired_at DESC, id DESC LIMIT ").append(q.limit());
        return jdbc.sql(sql.toString()).params(params).query(AlertStore::row).list();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Alert row(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule_key");
        return new Alert(rs.getString("id"), rs.getString("app"), rs.getString("env"), rule, rs.getString("rule_name"),
                BuiltinRule.fromKind(rule).isPresent(), rs.getString("severity"), rs.getString("metric"), nullableDouble(rs, "threshold"),
                nullableDouble(rs, "last_value"), rs.getString("summary"), rs.getString("state"), instant(rs, "started_at"),
                instant(rs, "fired_at"), instant(rs, "resolved_at"), instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                rs.getBoolean("silenced"), AlertRuleStore.JSON.readValue(rs.getString("channels"), STRINGS));
    }
}
