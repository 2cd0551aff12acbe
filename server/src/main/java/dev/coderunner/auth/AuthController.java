package dev.coderunner.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.coderunner.limits.LoginThrottle;
import dev.coderunner.web.ApiException;
import dev.coderunner.web.AuditNotes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthService auth;
    private final AccessTokens accessTokens;
    private final RefreshSessions sessions;
    private final SessionCookie sessionCookie;
    private final LoginThrottle throttle;

    AuthController(AuthService auth, AccessTokens accessTokens, RefreshSessions sessions, SessionCookie sessionCookie, LoginThrottle throttle) {
        this.throttle = throttle;
        this.auth = auth;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.sessionCookie = sessionCookie;
    }

    record LoginRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }

    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, jakarta.servlet.http.HttpServletRequest http,
            jakarta.servlet.http.HttpServletResponse response) {
        String address = http.getRemoteAddr();
        AuditNotes.actor(request.username());
        throttle.check(request.username(), address);
        User user;
        try {
            user = auth.login(request.username(), request.password());
        } catch (ApiException e) {
            throttle.failed(request.username(), address);
            throw e;
        }
        throttle.succeeded(request.username());
        // The browser keeps the session in an httpOnly cookie; CLI callers simply ignore it.
        sessionCookie.set(http, response, sessions.start(user));
        AccessTokens.Issued issued = accessTokens.issue(user);
        return new TokenResponse(issued.token(), "Bearer", issued.expiresIn());
    }

    // GET /profile lives in access.ProfileController: it adds app memberships.

    record CreateTokenRequest(@NotBlank @Size(max = 100) String name, String scope, Long expiresInDays) {
    }

    record TokenView(String id, String name, String scope, String createdAt, String expiresAt, String lastUsedAt, String token) {
        static TokenView of(ApiToken t, String secret) {
            return new TokenView(t.id(), t.name(), t.scope().name().toLowerCase(), String.valueOf(t.createdAt()),
                    t.expiresAt() == null ? null : t.expiresAt().toString(), t.lastUsedAt() == null ? null : t.lastUsedAt().toString(), secret);
        }
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenView createToken(@Valid @RequestBody CreateTokenRequest request) {
        TokenScope scope = request.scope() == null ? TokenScope.DEPLOY : TokenScope.parse(request.scope());
        Principal caller = Principal.current();
        if (caller.scope() != null && scope.compareTo(caller.scope()) > 0) {
            throw new dev.coderunner.web.ApiException(HttpStatus.FORBIDDEN, "scope-too-wide", "A token cannot create a token with a wider scope than its own.");
        }
        if (request.expiresInDays() != null && (request.expiresInDays() < 1 || request.expiresInDays() > 3650)) {
            throw dev.coderunner.web.ApiException.badRequest("invalid-expiry", "expiresInDays must be between 1 and 3650.");
        }
        Duration lifetime = request.expiresInDays() == null ? null : Duration.ofDays(request.expiresInDays());
        AuthService.CreatedToken created = auth.createApiToken(caller, request.name(), scope, lifetime);
        return TokenView.of(created.token(), created.secret());
    }

    @GetMapping("/tokens")
    Map<String, List<TokenView>> tokens() {
        return Map.of("items", auth.apiTokens(Principal.current()).stream().map(t -> TokenView.of(t, null)).toList());
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id) {
        auth.revokeApiToken(Principal.current(), id);
    }
}
