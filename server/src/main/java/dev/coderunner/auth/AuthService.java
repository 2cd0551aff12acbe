package dev.coderunner.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.coderunner.Ids;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Logins, API tokens and the lookups that turn a bearer credential into a {@link Principal}. */
@Service
public class AuthService {

    static final String API_TOKEN_PREFIX = "cr_";

    private final UserStore users;
    private final ApiTokenStore tokens;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    // Compared against when the user does not exist, so response time does not reveal usernames.
    private final dev.coderunner.Lazy<String> noUserHash;

    AuthService(UserStore users, ApiTokenStore tokens, PasswordEncoder encoder, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.tokens = tokens;
        this.encoder = encoder;
        this.clock = clock;
        this.noUserHash = dev.coderunner.Lazy.of(() -> encoder.encode(Ids.random(20)));
    }

    /** The user for these credentials, or a 401 that does not say which part was wrong. */
    public User login(String username, String password) {
        Optional<UserStore.Credentials> found = users.findByUsername(username == null ? "" : username);
        // Accounts without a password (single sign-on, not yet accepted invitations) never match.
        String hash = found.map(UserStore.Credentials::passwordHash).orElse(null);
        boolean matches = encoder.matches(password == null ? "" : password, hash == null ? noUserHash.get() : hash) && hash != null;
        if (found.isEmpty() || !matches || !found.get().user().active()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Wrong username or password.");
        }
        users.touchLogin(found.get().user().id(), clock.instant());
        return found.get().user();
    }

    public Optional<User> user(String id) {
        return users.findById(id);
    }

    public record CreatedToken(ApiToken token, String secret) {
    }

    public CreatedToken createApiToken(Principal owner, String name, TokenScope scope, Duration lifetime) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest("invalid-token-name", "A token needs a name of 1 to 100 characters.");
        }
        Instant now = clock.instant();
        String secret = API_TOKEN_PREFIX + Ids.random(32);
        ApiToken token = new ApiToken(Ids.newId("tok"), name.strip(), scope, now, lifetime == null ? null : now.plus(lifetime), null);
        tokens.insert(owner.userId(), token, hash(secret));
        return new CreatedToken(token, secret);
    }

    public List<ApiToken> apiTokens(Principal owner) {
        return tokens.list(owner.userId());
    }

    public void revokeApiToken(Principal owner, String tokenId) {
        if (!revoke(owner.userId(), tokenId)) {
            throw ApiException.notFound("token", tokenId);
        }
    }

    /** Revokes the API token {@code secret} (the one the caller authenticated with); false when it is not an active API token. */
    public boolean revokeApiToken(String secret) {
        if (secret == null || !secret.startsWith(API_TOKEN_PREFIX)) {
            return false;
        }
        return tokens.findActive(hash(secret)).map(t -> revoke(t.userId(), t.tokenId())).orElse(false);
    }

    private boolean revoke(String userId, String tokenId) {
        if (!tokens.revoke(userId, tokenId, clock.instant())) {
            return false;
        }
        // Sockets do not say which token opened them: all of the owner's are closed, and those whose token still works reconnect.
        events.publishEvent(new AccessChanged(userId, "API token revoked"));
        return true;
    }

    /** The principal for an API token, if it exists, is not revoked or expired, and its user is active. */
    Optional<Principal> authenticateApiToken(String secret) {
        Instant now = clock.instant();
        return tokens.findActive(hash(secret))
                .filter(m -> m.expiresAt() == null || m.expiresAt().isAfter(now))
                .flatMap(m -> users.findById(m.userId()).filter(User::active).map(u -> {
                    tokens.touch(m.tokenId(), now);
                    return new Principal(u.id(), u.username(), u.role(), m.scope());
                }));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
