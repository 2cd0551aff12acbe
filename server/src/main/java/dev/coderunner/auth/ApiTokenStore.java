package dev.coderunner.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenStore {

    private final JdbcClient jdbc;

    ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Match(String tokenId, String userId, TokenScope scope, Instant expiresAt) {
    }

    void insert(String userId, ApiToken token, String hash) {
        jdbc.sql("INSERT INTO api_tokens (id, user_id, name, token_hash, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(token.id(), userId, token.name(), hash, token.scope().name(), Timestamp.from(token.createdAt()),
                        token.expiresAt() == null ? null : Timestamp.from(token.expiresAt()))
                .update();
    }

    Optional<Match> findActive(String hash) {
        return jdbc.sql("SELECT id, user_id, scope, expires_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
                .param(hash)
                .query((rs, n) -> new Match(rs.getString("id"), rs.getString("user_id"), TokenScope.valueOf(rs.getString("scope")),
                        UserStore.instant(rs.getTimestamp("expires_at"))))
                .optional();
    }

    void touch(String tokenId, Instant when) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").params(Timestamp.from(when), tokenId).update();
    }

    List<ApiToken> list(String userId) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at")
                .param(userId)
                .query((rs, n) -> new ApiToken(rs.getString("id"), rs.getString("name"), TokenScope.valueOf(rs.getString("scope")),
                        rs.getTimestamp("created_at").toInstant(), UserStore.instant(rs.getTimestamp("expires_at")),
                        UserStore.instant(rs.getTimestamp("last_used_at"))))
                .list();
    }

    int revokeAll(String userId, Instant when) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(when), userId).update();
    }

    boolean revoke(String userId, String tokenId, Instant when) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(when), tokenId, userId).update() == 1;
    }
}
