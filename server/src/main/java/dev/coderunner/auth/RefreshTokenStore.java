package dev.coderunner.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code refresh_tokens}; only hashes are stored. */
@Repository
class RefreshTokenStore {

    private final JdbcClient jdbc;

    RefreshTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String id, String familyId, String userId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    void insert(String id, String familyId, String userId, String hash, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, familyId, userId, hash, Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
    }

    Optional<Row> findByHash(String hash) {
        return jdbc.sql("SELECT * FROM refresh_tokens WHERE token_hash = ?").param(hash)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("family_id"), rs.getString("user_id"),
                        rs.getTimestamp("expires_at").toInstant(), UserStore.instant(rs.getTimestamp("used_at")),
                        UserStore.instant(rs.getTimestamp("revoked_at"))))
                .optional();
    }

    /** Marks the token used; false when another request used it first (a race counts as reuse). */
    boolean markUsed(String id, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL")
                .params(Timestamp.from(now), id).update() == 1;
    }

    int revokeFamily(String familyId, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), familyId).update();
    }

    /** Ends every session of a user, optionally keeping one family (the caller's own session). */
    int revokeUser(String userId, String keepFamilyId, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND family_id <> ?")
                .params(Timestamp.from(now), userId, keepFamilyId == null ? "" : keepFamilyId).update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < ?").param(Timestamp.from(now)).update();
    }
}
