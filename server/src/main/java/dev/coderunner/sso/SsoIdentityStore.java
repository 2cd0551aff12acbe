package dev.coderunner.sso;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code sso_identities}: which user a provider's subject belongs to. */
@Repository
class SsoIdentityStore {

    private final JdbcClient jdbc;

    SsoIdentityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> userOf(String provider, String subject) {
        return jdbc.sql("SELECT user_id FROM sso_identities WHERE provider = ? AND subject = ?").params(provider, subject)
                .query(String.class).optional();
    }

    void link(SsoIdentity identity, String userId, Instant now) {
        jdbc.sql("INSERT INTO sso_identities (provider, subject, user_id, email, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(identity.provider(), identity.subject(), userId, identity.verifiedEmail(), Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    void touch(SsoIdentity identity, Instant now) {
        jdbc.sql("UPDATE sso_identities SET last_login_at = ?, email = COALESCE(?, email) WHERE provider = ? AND subject = ?")
                .params(Timestamp.from(now), identity.verifiedEmail(), identity.provider(), identity.subject()).update();
    }
}
