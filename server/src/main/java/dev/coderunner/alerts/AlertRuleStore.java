package dev.coderunner.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code alert_rules} table. */
@Component
class AlertRuleStore {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    AlertRuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AlertRule r) {
        jdbc.sql("""
                INSERT INTO alert_rules (id, app, env, name, metric, comparison, threshold, for_seconds, resolve_threshold, severity,
                channels, enabled, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.app(), r.env(), r.name(), r.metric().wire(), r.comparison().symbol(), r.threshold(),
                        r.forDuration().toSeconds(), r.resolveThreshold(), r.severity().wire(), JSON.writeValueAsString(r.channels()),
                        r.enabled(), Timestamp.from(r.createdAt()), r.createdBy(), Timestamp.from(r.updatedAt()))
                .update();
    }

    void update(AlertRule r) {
        jdbc.sql("""
                UPDATE alert_rules SET name = ?, metric = ?, comparison = ?, threshold = ?, for_seconds = ?, resolve_threshold = ?,
                severity = ?, channels = ?, enabled = ?, updated_at = ? WHERE id = ?""")
                .params(r.name(), r.metric().wire(), r.comparison().symbol(), r.threshold(), r.forDuration().toSeconds(),
                        r.resolveThreshold(), r.severity().wire(), JSON.writeValueAsString(r.channels()), r.enabled(),
                        Timestamp.from(r.updatedAt()), r.id())
                .update();
    }

    boolean delete(String app, String env, String id) {
        return jdbc.sql("DELETE FROM alert_rules WHERE id = ? AND app = ? AND env = ?").params(id, app, env).update() > 0;
    }

    Optional<AlertRule> find(String app, String env, String id) {
        return jdbc.sql("SELECT * FROM alert_rules WHERE id = ? AND app = ? AND env = ?").params(id, app, env).query(AlertRuleStore::row).optional();
    }

    List<AlertRule> of(String app, String env) {
        return jdbc.sql("SELECT * FROM alert_rules WHERE app = ? AND env = ? ORDER BY created_at, id").params(app, env)
                .query(AlertRuleStore::row).list();
    }

    List<AlertRule> all() {
        return jdbc.sql("SELECT * FROM alert_rules ORDER BY created_at, id").query(AlertRuleStore::row).list();
    }

    int count(String app, String env) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_rules WHERE app = ? AND env = ?").params(app, env).query(Integer.class).single();
    }

    /** Whether any rule of any environment still routes to a channel. */
    boolean usesChannel(String channelId) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_rules WHERE channels LIKE ?").param("%\"" + channelId + "\"%")
                .query(Integer.class).single() > 0;
    }

    private static AlertRule row(ResultSet rs, int n) throws SQLException {
        return new AlertRule(rs.getString("id"), rs.getString("app"), rs.getString("env"), rs.getString("name"),
                AlertMetric.fromWire(rs.getString("metric")).orElseThrow(), Comparison.fromSymbol(rs.getString("comparison")).orElseThrow(),
                rs.getDouble("threshold"), Duration.ofSeconds(rs.getLong("for_seconds")), rs.getDouble("resolve_threshold"),
                Severity.fromWire(rs.getString("severity")).orElseThrow(), JSON.readValue(rs.getString("channels"), STRINGS),
                rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant());
    }
}
