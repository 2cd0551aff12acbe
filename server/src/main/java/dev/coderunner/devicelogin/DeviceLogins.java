package dev.coderunner.devicelogin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.coderunner.Digests;
import dev.coderunner.Ids;
import dev.coderunner.audit.AuditLog;
import dev.coderunner.auth.Accounts;
import dev.coderunner.auth.AuthService;
import dev.coderunner.auth.Principal;
import dev.coderunner.auth.TokenScope;
import dev.coderunner.auth.User;
import dev.coderunner.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CLI's browser-less login, after OAuth 2.0 device authorization (RFC 8628): the CLI gets a secret device
 * code and shows a short user code; a person logged in to the dashboard approves that code; the CLI's next
 * poll receives a new API token of that person. Each code works once and expires.
 */
@Service
public class DeviceLogins {

    /** No vowels (no words), no look-alikes (0/O, 1/I/L). */
    private static final char[] USER_CODE_ALPHABET = "BCDFGHJKMNPQRSTVWXZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_PENDING = 1000;

    private final DeviceLoginStore store;
    private final AuthService auth;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration interval;
    private final Duration tokenLifetime;

    DeviceLogins(DeviceLoginStore store, AuthService auth, Accounts accounts, AuditLog audit, Clock clock,
            @Value("${coderunner.auth.device-code-lifetime:10m}") Duration lifetime,
            @Value("${coderunner.auth.device-poll-interval:5s}") Duration interval,
            @Value("${coderunner.auth.cli-token-lifetime:90d}") Duration tokenLifetime) {
        this.store = store;
        this.auth = auth;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.lifetime = lifetime;
        this.interval = interval;
        this.tokenLifetime = tokenLifetime;
    }

    /** A started login: the device code is the CLI's secret, the user code is what the person checks. */
    public record Started(String deviceCode, String userCode, Duration expiresIn, Duration interval) {
    }

    /** What the CLI gets once approved. */
    public record Issued(String token, String tokenId, String username) {
    }

    @Transactional
    public Started start(String clientName, String clientIp) {
        Instant now = clock.instant();
        store.purge(now.minus(Duration.ofDays(1)));
        if (store.pending(now) >= MAX_PENDING) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-device-logins",
                    "Too many CLI logins are waiting for approval. Try again in a few minutes.");
        }
        String name = clientName == null || clientName.isBlank() ? "coderunner CLI" : clientName.strip();
        name = name.length() > 100 ? name.substring(0, 100) : name;
        String deviceCode = Ids.random(43);
        String userCode = userCode();
        store.insert(new DeviceLogin(Ids.newId("dev"), userCode, name, clientIp, now, now.plus(lifetime), null, null, null, null, null),
                Digests.sha256(deviceCode));
        return new Started(deviceCode, userCode, lifetime, interval);
    }

    /** The open login for a user code, for the approval page; 404 when unknown, expired or already decided. */
    public DeviceLogin pending(String userCode) {
        DeviceLogin d = store.byUserCode(normalize(userCode)).orElseThrow(DeviceLogins::unknownCode);
        if (!d.open(clock.instant())) {
            throw unknownCode();
        }
        return d;
    }

    @Transactional
    public DeviceLogin approve(String userCode) {
        Principal approver = Principal.current();
        if (approver.scope() != null && approver.scope() != TokenScope.ADMIN) {
            throw new ApiException(HttpStatus.FORBIDDEN, "scope-too-narrow",
                    "Approve CLI logins from the dashboard (an API token with a narrower scope cannot).");
        }
        DeviceLogin d = pending(userCode);
        if (!store.approve(d.id(), approver.userId(), clock.instant())) {
            throw unknownCode();
        }
        audit.record("auth.device-approve", "user/" + approver.username(), Map.of("client", d.clientName(), "code", d.userCode()));
        return d;
    }

    @Transactional
    public void deny(String userCode) {
        DeviceLogin d = pending(userCode);
        store.deny(d.id(), clock.instant());
        audit.record("auth.device-deny", "user/" + Principal.current().username(), Map.of("client", d.clientName(), "code", d.userCode()));
    }

    /** The CLI's poll: the new token once approved, else a problem saying why not yet (or never). */
    @Transactional(noRollbackFor = ApiException.class)
    public Issued poll(String deviceCode) {
        Instant now = clock.instant();
        DeviceLogin d = store.byDeviceCodeHash(Digests.sha256(deviceCode == null ? "" : deviceCode))
                .orElseThrow(() -> problem("invalid-device-code", "This device code is unknown. Run 'coderunner login --sso' again."));
        if (d.consumedAt() != null) {
            throw problem("invalid-device-code", "This device code has already been used. Run 'coderunner login --sso' again.");
        }
        if (d.deniedAt() != null) {
            throw problem("access-denied", "The login was denied in the dashboard.");
        }
        if (d.approvedAt() == null) {
            if (d.expired(now)) {
                throw problem("expired-token", "The code expired before anyone approved it. Run 'coderunner login --sso' again.");
            }
            boolean tooSoon = d.lastPolledAt() != null && d.lastPolledAt().plus(interval.dividedBy(2)).isAfter(now);
            store.polled(d.id(), now);
            throw tooSoon ? problem("slow-down", "Polling too fast: wait " + interval.toSeconds() + " s between polls.")
                    : problem("authorization-pending", "Waiting for someone to approve code " + d.userCode() + " in the dashboard.");
        }
        if (!store.consume(d.id(), now)) {
            throw problem("invalid-device-code", "This device code has already been used. Run 'coderunner login --sso' again.");
        }
        User user = accounts.byId(d.approvedBy()).filter(User::active)
                .orElseThrow(() -> problem("access-denied", "The account that approved the login is no longer active."));
        Principal owner = new Principal(user.id(), user.username(), user.role(), null);
        AuthService.CreatedToken created = auth.createApiToken(owner, "CLI: " + d.clientName(), TokenScope.ADMIN, tokenLifetime);
        return new Issued(created.secret(), created.token().id(), user.username());
    }

    static String normalize(String userCode) {
        String c = userCode == null ? "" : userCode.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        return c.length() == 8 ? c.substring(0, 4) + "-" + c.substring(4) : c;
    }

    private static String userCode() {
        StringBuilder b = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(USER_CODE_ALPHABET[RANDOM.nextInt(USER_CODE_ALPHABET.length)]);
        }
        return b.toString();
    }

    private static ApiException unknownCode() {
        return new ApiException(HttpStatus.NOT_FOUND, "device-code-not-found",
                "No CLI login is waiting for this code. Check the code, or run 'coderunner login --sso' again.");
    }

    private static ApiException problem(String type, String detail) {
        return ApiException.badRequest(type, detail);
    }
}
