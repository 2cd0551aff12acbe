package dev.coderunner.invitations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.coderunner.auth.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code invitations}. */
@Repository
class InvitationStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Invitation.Membership>> MEMBERSHIPS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    InvitationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Invitation i, String tokenHash) {
        jdbc.sql("""
                INSERT INTO invitations (id, email, role, memberships_json, token_hash, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(i.id(), i.email(), i.role().name(), JSON.writeValueAsString(i.memberships()), tokenHash, i.createdBy(),
                        Timestamp.from(i.createdAt()), Timestamp.from(i.expiresAt()))
                .update();
    }

    Optional<Invitation> byId(String id) {
        return jdbc.sql("SELECT * FROM invitations WHERE id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    Optional<Invitation> byTokenHash(String hash) {
        return jdbc.sql("SELECT * FROM invitations WHERE token_hash = ?").param(hash).query((rs, n) -> map(rs)).optional();
    }

    /** Pending invitations of {@code email}, newest first. */
    List<Invitation> pendingFor(String email, Instant now) {
        return jdbc.sql("""
                SELECT * FROM invitations WHERE email = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                ORDER BY created_at DESC""")
                .params(email, Timestamp.from(now)).query((rs, n) -> map(rs)).list();
    }

    List<Invitation> list(int limit) {
        return jdbc.sql("SELECT * FROM invitations ORDER BY created_at DESC LIMIT ?").param(limit).query((rs, n) -> map(rs)).list();
    }

    /** Marks it accepted if it still is pending; false when someone else got there first (single use). */
    boolean markAccepted(String id, String userId, Instant now) {
        return jdbc.sql("""
                UPDATE invitations SET accepted_at = ?, accepted_user_id = ?
                WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?""")
                .params(Timestamp.from(now), userId, id, Timestamp.from(now)).update() == 1;
    }

    boolean revoke(String id, Instant now) {
        return jdbc.sql("UPDATE invitations SET revoked_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL")
                .params(Timestamp.from(now), id).update() == 1;
    }

    private static Invitation map(ResultSet rs) throws SQLException {
        return new Invitation(rs.getString("id"), rs.getString("email"), Role.valueOf(rs.getString("role")),
                JSON.readValue(rs.getString("memberships_json"), MEMBERSHIPS), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                instant(rs.getTimestamp("accepted_at")), rs.getString("accepted_user_id"), instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
