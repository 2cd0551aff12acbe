package dev.coderunner.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.coderunner.Ids;
import dev.coderunner.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Browser sessions: an opaque refresh token (kept in an httpOnly cookie) that is rotated on every use.
 * A token presented a second time means it was copied, so its whole family (the login) is revoked.
 */
@Service
public class RefreshSessions {

    private static final Logger log = LoggerFactory.getLogger(RefreshSessions.class);

    private final RefreshTokenStore store;
    private final AuthService auth;
    private final Clock clock;
    private final Duration lifetime;

    RefreshSessions(RefreshTokenStore store, AuthService auth, Clock clock,
            @Value("${coderunner.auth.refresh-token-lifetime:14d}") Duration lifetime) {
        this.store = store;
        this.auth = auth;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A rotated session: the user it belongs to and the new token to put in the cookie. */
    public record Rotated(User user, String token) {
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Starts a new session family for a user who just logged in; returns the refresh token. */
    @Transactional
    public String start(User user) {
        return insert(Ids.newId("fam"), user.id());
    }

    /** Exchanges a refresh token for a new one; 401 when unknown, expired, revoked or reused. */
    @Transactional(noRollbackFor = ApiException.class)
    public Rotated rotate(String token) {
        Instant now = clock.instant();
        RefreshTokenStore.Row row = store.findByHash(AuthService.hash(token == null ? "" : token))
                .orElseThrow(() -> invalid("The session is unknown or has ended. Log in again."));
        if (row.revokedAt() != null || !row.expiresAt().isAfter(now)) {
            throw invalid("The session has ended. Log in again.");
        }
        if (row.usedAt() != null || !store.markUsed(row.id(), now)) {
            int revoked = store.revokeFamily(row.familyId(), now);
            log.warn("Refresh token reuse detected for user {}: revoked {} token(s) of session {}", row.userId(), revoked, row.familyId());
            throw new ApiException(HttpStatus.UNAUTHORIZED, "refresh-token-reused",
                    "This session was used from somewhere else and has been ended for safety. Log in again.");
        }
        User user = auth.user(row.userId()).filter(User::active)
                .orElseThrow(() -> invalid("The account is not active."));
        return new Rotated(user, insert(row.familyId(), user.id()));
    }

    /** Ends the session the token belongs to (all of its family); unknown tokens are ignored. */
    @Transactional
    public void end(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        store.findByHash(AuthService.hash(token)).ifPresent(row -> store.revokeFamily(row.familyId(), clock.instant()));
    }

    /** Ends every session of a user except the one {@code keepToken} belongs to (null: all of them). */
    @Transactional
    public int endAll(String userId, String keepToken) {
        String keepFamily = keepToken == null || keepToken.isBlank() ? null
                : store.findByHash(AuthService.hash(keepToken)).filter(r -> r.userId().equals(userId)).map(RefreshTokenStore.Row::familyId).orElse(null);
        return store.revokeUser(userId, keepFamily, clock.instant());
    }

    private String insert(String familyId, String userId) {
        Instant now = clock.instant();
        String token = Ids.random(43);
        store.insert(Ids.newId("rt"), familyId, userId, AuthService.hash(token), now, now.plus(lifetime));
        return token;
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid-session", detail);
    }
}
