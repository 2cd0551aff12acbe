package dev.coderunner.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.coderunner.Ids;
import dev.coderunner.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: create, change role, email and password, deactivate. Deactivating a user or resetting
 * their password ends their sessions; deactivation also revokes their API tokens. There is always
 * at least one active admin.
 */
@Service
public class UserService {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9](?:[a-z0-9._@-]{0,62}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    // bcrypt looks at the first 72 bytes only, so a longer password would be silently cut.
    static final int MAX_PASSWORD_BYTES = 72;

    private final UserStore users;
    private final ApiTokenStore tokens;
    private final RefreshSessions sessions;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final int minPasswordLength;
    private final ApplicationEventPublisher events;

    UserService(UserStore users, ApiTokenStore tokens, RefreshSessions sessions, PasswordEncoder encoder, Clock clock,
            @Value("${coderunner.auth.password-min-length:10}") int minPasswordLength, ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.encoder = encoder;
        this.clock = clock;
        this.minPasswordLength = minPasswordLength;
    }

    public List<Account> list(String cursor, int limit) {
        return users.list(cursor, limit);
    }

    /** By id or username. */
    public Optional<Account> find(String idOrUsername) {
        return idOrUsername == null ? Optional.empty() : users.findAccount(idOrUsername);
    }

    public Account require(String idOrUsername) {
        return find(idOrUsername).orElseThrow(() -> ApiException.notFound("user", idOrUsername));
    }

    public Optional<Account> findByEmail(String email) {
        return email == null ? Optional.empty() : users.findByEmail(email.strip().toLowerCase(Locale.ROOT));
    }

    /** Creates an active account; {@code password} may be null for an account that signs in another way. */
    @Transactional
    public Account create(String username, String email, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("invalid-username",
                    "Usernames are 1–64 characters of a–z, 0–9, '.', '_', '@' and '-', starting and ending with a letter or digit.");
        }
        String normalizedEmail = email(email);
        String hash = password == null ? null : encoder.encode(checkPassword(password, username));
        User user = new User(Ids.newId("usr"), username, role == null ? Role.VIEWER : role, true, clock.instant());
        if (users.findAccount(username).isPresent()) {
            throw ApiException.conflict("user-exists", "A user named '" + username + "' already exists.");
        }
        if (normalizedEmail != null && users.findByEmail(normalizedEmail).isPresent()) {
            throw ApiException.conflict("email-taken", "Another user already has the email " + normalizedEmail + ".");
        }
        try {
            users.insert(user, hash, normalizedEmail);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("user-exists", "A user named '" + username + "' or with that email already exists.");
        }
        return require(user.id());
    }

    /** Applies the non-null fields; an empty email clears it. Refuses to leave no active admin. */
    @Transactional
    public Account update(String idOrUsername, Role role, Boolean active, String email, Principal caller) {
        Account account = require(idOrUsername);
        User user = account.user();
        boolean losesAdmin = user.role() == Role.ADMIN && user.active()
                && ((role != null && role != Role.ADMIN) || Boolean.FALSE.equals(active));
        if (losesAdmin && users.countActiveAdmins() <= 1) {
            throw ApiException.conflict("last-admin", "This is the last active admin; make another user admin first.");
        }
        if (Boolean.FALSE.equals(active) && user.id().equals(caller.userId())) {
            throw ApiException.conflict("cannot-deactivate-self", "You cannot deactivate your own account.");
        }
        if (email != null) {
            String normalized = email.isBlank() ? null : email(email);
            if (normalized != null && users.findByEmail(normalized).filter(a -> !a.id().equals(user.id())).isPresent()) {
                throw ApiException.conflict("email-taken", "Another user already has the email " + normalized + ".");
            }
            users.setEmail(user.id(), normalized);
        }
        if (role != null) {
            users.setRole(user.id(), role);
            if (role != user.role()) {
                events.publishEvent(new AccessChanged(user.id(), "role changed"));
            }
        }
        if (active != null && active != user.active()) {
            users.setActive(user.id(), active);
            if (!active) {
                sessions.endAll(user.id(), null);
                tokens.revokeAll(user.id(), clock.instant());
                events.publishEvent(new AccessChanged(user.id(), "account deactivated"));
            }
        }
        return require(user.id());
    }

    /** An admin sets someone's password: every session of that user ends. */
    @Transactional
    public void resetPassword(String idOrUsername, String newPassword) {
        Account account = require(idOrUsername);
        users.setPasswordHash(account.id(), encoder.encode(checkPassword(newPassword, account.username())));
        sessions.endAll(account.id(), null);
        events.publishEvent(new AccessChanged(account.id(), "password reset"));
    }

    /** The caller changes their own password; their other sessions end, the one in {@code keepSessionToken} stays. */
    @Transactional
    public void changeOwnPassword(Principal caller, String currentPassword, String newPassword, String keepSessionToken) {
        String hash = users.passwordHash(caller.userId());
        if (hash == null || currentPassword == null || !encoder.matches(currentPassword, hash)) {
            throw ApiException.badRequest("wrong-current-password", "The current password is not right.");
        }
        users.setPasswordHash(caller.userId(), encoder.encode(checkPassword(newPassword, caller.username())));
        sessions.endAll(caller.userId(), keepSessionToken);
    }

    public static Role parseRole(String value) {
        for (Role r : Role.values()) {
            if (r.name().equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw ApiException.badRequest("invalid-role", "Role must be one of admin, operator, developer, viewer; got '" + value + "'.");
    }

    private String checkPassword(String password, String username) {
        if (password == null || password.length() < minPasswordLength) {
            throw ApiException.badRequest("weak-password", "Passwords need at least " + minPasswordLength + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("password-too-long", "Passwords can be at most " + MAX_PASSWORD_BYTES + " bytes long.");
        }
        if (password.equalsIgnoreCase(username)) {
            throw ApiException.badRequest("weak-password", "The password must not be the username.");
        }
        return password;
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw ApiException.badRequest("invalid-email", "That is not an email address: '" + (e.length() > 60 ? e.substring(0, 60) + "…" : e) + "'.");
        }
        return e;
    }
}
