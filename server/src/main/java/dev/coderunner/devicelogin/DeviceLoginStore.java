package dev.coderunner.devicelogin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code device_logins}. Every state change is a conditional update, so two racing requests cannot both win. */
@Repository
class DeviceLoginStore {

    private final JdbcClient jdbc;

    DeviceLoginStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DeviceLogin d, String deviceCodeHash) {
        jdbc.sql("""
                INSERT INTO device_logins (id, device_code_hash, user_code, client_name, client_ip, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(d.id(), deviceCodeHash, d.userCode(), d.clientName(), d.clientIp(), Timestamp.from(d.createdAt()),
                        Timestamp.from(d.expiresAt()))
                .update();
    }

    long pending(Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM device_logins WHERE expires_at > ? AND consumed_at IS NULL")
                .param(Timestamp.from(now)).query(Long.class).single();
    }

    /** Forgets logins that ended more than a day ago. */
    void purge(Instant before) {
        jdbc.sql("DELETE FROM device_logins WHERE expires_at < ?").param(Timestamp.from(before)).update();
    }

    Optional<DeviceLogin> byDeviceCodeHash(String hash) {
        return jdbc.sql("SELECT * FROM device_logins WHERE device_code_hash = ?").param(hash).query((rs, n) -> map(rs)).optional();
    }

    Optional<DeviceLogin> byUserCode(String userCode) {
        return jdbc.sql("SELECT * FROM device_logins WHERE user_code = ?").param(userCode).query((rs, n) -> map(rs)).optional();
    }

    void polled(String id, Instant now) {
        jdbc.sql("UPDATE device_logins SET last_polled_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
    }

    boolean approve(String id, String userId, Instant now) {
        return jdbc.sql("""
                UPDATE device_logins SET approved_by = ?, approved_at = ?
                WHERE id = ? AND approved_at IS NULL AND denied_at IS NULL AND expires_at > ?""")
                .params(userId, Timestamp.from(now), id, Timestamp.from(now)).update() == 1;
    }

    boolean deny(String id, Instant now) {
        return jdbc.sql("UPDATE device_logins SET denied_at = ? WHERE id = ? AND approved_at IS NULL AND denied_at IS NULL")
                .params(Timestamp.from(now), id).update() == 1;
    }

    boolean consume(String id, Instant now) {
        return jdbc.sql("UPDATE device_logins SET consumed_at = ? WHERE id = ? AND approved_at IS NOT NULL AND consumed_at IS NULL")
                .params(Timestamp.from(now), id).update() == 1;
    }

    private static DeviceLogin map(ResultSet rs) throws SQLException {
        return new DeviceLogin(rs.getString("id"), rs.getString("user_code"), rs.getString("client_name"), rs.getString("client_ip"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(), instant(rs, "last_polled_at"),
                rs.getString("approved_by"), instant(rs, "approved_at"), instant(rs, "denied_at"), instant(rs, "consumed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
