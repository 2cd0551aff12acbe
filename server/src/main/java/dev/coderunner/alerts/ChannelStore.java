package dev.coderunner.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** The {@code alert_channels} table, with each channel's delivery counts. */
@Component
class ChannelStore {

    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ChannelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AlertChannel c) {
        jdbc.sql("""
                INSERT INTO alert_channels (id, app, name, channel_type, settings_json, secret_cipher, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.app(), c.name(), c.type().wire(), AlertRuleStore.JSON.writeValueAsString(c.settings()), c.secretCipher(),
                        Timestamp.from(c.createdAt()), c.createdBy())
                .update();
    }

    Optional<AlertChannel> find(String id) {
        return jdbc.sql("SELECT * FROM alert_channels WHERE id = ?").param(id).query(ChannelStore::row).optional();
    }

    /** The app's channels and the global ones (app null: only the global ones). */
    List<AlertChannel> visibleTo(String app) {
        if (app == null) {
            return jdbc.sql("SELECT * FROM alert_channels WHERE app IS NULL ORDER BY created_at, id").query(ChannelStore::row).list();
        }
        return jdbc.sql("SELECT * FROM alert_channels WHERE app = ? OR app IS NULL ORDER BY created_at, id").param(app)
                .query(ChannelStore::row).list();
    }

    int count(String app) {
        return app == null
                ? jdbc.sql("SELECT COUNT(*) FROM alert_channels WHERE app IS NULL").query(Integer.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM alert_channels WHERE app = ?").param(app).query(Integer.class).single();
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM alert_channels WHERE id = ?").param(id).update() > 0;
    }

    void sent(String id) {
        jdbc.sql("UPDATE alert_channels SET sent = sent + 1 WHERE id = ?").param(id).update();
    }

    void failed(String id, String error, Instant at) {
        String cut = error.length() > 500 ? error.substring(0, 500) : error;
        jdbc.sql("UPDATE alert_channels SET failed = failed + 1, last_error = ?, last_error_at = ? WHERE id = ?")
                .params(cut, Timestamp.from(at), id).update();
    }

    private static AlertChannel row(ResultSet rs, int n) throws SQLException {
        Timestamp lastErrorAt = rs.getTimestamp("last_error_at");
        return new AlertChannel(rs.getString("id"), rs.getString("app"), rs.getString("name"),
                ChannelType.fromWire(rs.getString("channel_type")).orElseThrow(),
                AlertRuleStore.JSON.readValue(rs.getString("settings_json"), SETTINGS), rs.getString("secret_cipher"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rs.getLong("sent"), rs.getLong("failed"),
                rs.getString("last_error"), lastErrorAt == null ? null : lastErrorAt.toInstant());
    }
}
