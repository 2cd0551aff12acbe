package dev.coderunner.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserStore {

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Credentials(User user, String passwordHash) {
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    void insert(User user, String passwordHash) {
        jdbc.sql("INSERT INTO users (id, username, password_hash, role, active, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(user.id(), user.username(), passwordHash, user.role().name(), user.active(), Timestamp.from(user.createdAt()))
                .update();
    }

    Optional<Credentials> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM users WHERE username = ?").param(username)
                .query((rs, n) -> new Credentials(map(rs), rs.getString("password_hash"))).optional();
    }

    Optional<User> findById(String id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant());
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
