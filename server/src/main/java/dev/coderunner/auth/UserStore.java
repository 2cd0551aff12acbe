package dev.coderunner.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

    void insert(User user, String passwordHash, String email) {
        jdbc.sql("INSERT INTO users (id, username, password_hash, role, active, created_at, email) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(user.id(), user.username(), passwordHash, user.role().name(), user.active(), Timestamp.from(user.createdAt()), email)
                .update();
    }

    /** By id, or by username when no id matches: the API accepts either in {@code /users/{id}}. */
    Optional<Account> findAccount(String idOrUsername) {
        return jdbc.sql("SELECT * FROM users WHERE id = ? OR username = ? ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END")
                .params(idOrUsername, idOrUsername, idOrUsername).query((rs, n) -> account(rs)).list().stream().findFirst();
    }

    Optional<Account> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM users WHERE email = ?").param(email).query((rs, n) -> account(rs)).optional();
    }

    /** Accounts in username order after {@code cursor}, at most {@code limit}. */
    List<Account> list(String cursor, int limit) {
        return jdbc.sql("SELECT * FROM users WHERE username > ? ORDER BY username LIMIT ?").params(cursor == null ? "" : cursor, limit)
                .query((rs, n) -> account(rs)).list();
    }

    long countActiveAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND active = TRUE").query(Long.class).single();
    }

    void setRole(String id, Role role) {
        jdbc.sql("UPDATE users SET role = ? WHERE id = ?").params(role.name(), id).update();
    }

    void setActive(String id, boolean active) {
        jdbc.sql("UPDATE users SET active = ? WHERE id = ?").params(active, id).update();
    }

    void setEmail(String id, String email) {
        jdbc.sql("UPDATE users SET email = ? WHERE id = ?").params(email, id).update();
    }

    void setPasswordHash(String id, String hash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(hash, id).update();
    }

    String passwordHash(String id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(id).query(String.class).optional().orElse(null);
    }

    void touchLogin(String id, Instant when) {
        jdbc.sql("UPDATE users SET last_login_at = ? WHERE id = ?").params(Timestamp.from(when), id).update();
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(map(rs), rs.getString("email"), instant(rs.getTimestamp("last_login_at")), rs.getString("password_hash") != null);
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant());
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
