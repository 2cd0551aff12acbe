package dev.coderunner.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.coderunner.Ids;
import dev.coderunner.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What single sign-on, invitations and the CLI device login need from accounts: find a user by e-mail,
 * create one, start a dashboard session (the refresh cookie) and revoke the API token a caller presents.
 */
@Service
public class Accounts {

    /** Usernames: what the CLI and URLs can carry without quoting. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    private final UserStore users;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final RefreshSessions sessions;
    private final SessionCookie cookie;
    private final UserService userService;
    private final AuthService tokens;

    Accounts(UserStore users, JdbcClient jdbc, PasswordEncoder encoder, RefreshSessions sessions, SessionCookie cookie, UserService userService,
            AuthService tokens) {
        this.userService = userService;
        this.tokens = tokens;
        this.users = users;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.sessions = sessions;
        this.cookie = cookie;
    }

    public Optional<User> byId(String id) {
        return users.findById(id);
    }

    public Optional<User> byUsername(String username) {
        return users.findByUsername(username).map(UserStore.Credentials::user);
    }

    /** The user whose e-mail is {@code email} (compared without case). */
    public Optional<User> byEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM users WHERE LOWER(email) = ?").param(normalEmail(email))
                .query(String.class).list().stream().findFirst().flatMap(users::findById);
    }

    /**
     * Creates an active user through {@link UserService}, the one place users are made (same name,
     * e-mail and password rules as the users API). {@code password} may be null for accounts that log
     * in only by single sign-on: they have no password, so password login is impossible until an
     * admin sets one.
     */
    public User create(String username, String email, Role role, String password) {
        return userService.create(username, email, password, role).user();
    }

    /** A free username derived from {@code wish} (an e-mail's local part, a provider login…). */
    public String freeUsername(String wish) {
        String base = wish == null ? "" : wish.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-")
                .replaceAll("^[^a-z0-9]+", "");
        if (base.isEmpty()) {
            base = "user";
        }
        base = base.length() > 34 ? base.substring(0, 34) : base;
        String candidate = base;
        for (int n = 2; users.findByUsername(candidate).isPresent(); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    /** Starts a dashboard session for {@code user}: sets the refresh cookie, as a password login does. */
    public void startDashboardSession(User user, HttpServletRequest request, HttpServletResponse response) {
        if (!user.active()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account-deactivated", "This account is deactivated.");
        }
        cookie.set(request, response, sessions.start(user));
    }

    /** Revokes the API token {@code secret} (the one the caller authenticated with); false when it is not an API token. */
    public boolean revokeApiToken(String secret) {
        if (secret == null || !secret.startsWith(AuthService.API_TOKEN_PREFIX)) {
            return false;
        }
        return tokens.revokeApiToken(secret);
    }

    public static String normalEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
