package dev.coderunner.invitations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.coderunner.Digests;
import dev.coderunner.Ids;
import dev.coderunner.app.AppService;
import dev.coderunner.audit.AuditLog;
import dev.coderunner.auth.Accounts;
import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.User;
import dev.coderunner.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations: an admin invites an e-mail address with a role and app memberships; the invitee opens a
 * single-use, expiring link and becomes a user, by choosing a password or by signing in with single sign-on.
 */
@Service
public class Invitations {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,63}");
    // The app roles of the membership capability (access.AppRole).
    static final List<String> MEMBERSHIP_ROLES = List.of("developer", "viewer");
    static final int MAX_MEMBERSHIPS = 50;
    static final int LIST_LIMIT = 500;

    private final InvitationStore store;
    private final InvitationMail mail;
    private final Accounts accounts;
    private final AppService apps;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration lifetime;

    Invitations(InvitationStore store, InvitationMail mail, Accounts accounts, AppService apps, AuditLog audit,
            ApplicationEventPublisher events, Clock clock, @Value("${coderunner.invitations.lifetime:7d}") Duration lifetime) {
        this.store = store;
        this.mail = mail;
        this.accounts = accounts;
        this.apps = apps;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new invitation, its link (shown once) and whether the e-mail went out. */
    public record Created(Invitation invitation, String link, boolean emailSent, String emailError) {
    }

    @Transactional
    public Created create(String email, String role, List<Invitation.Membership> memberships, Duration validFor, String baseUrl) {
        String address = validEmail(email);
        Role r = role(role);
        List<Invitation.Membership> grants = memberships(memberships);
        if (accounts.byEmail(address).isPresent()) {
            throw ApiException.conflict("email-taken", "A user with the e-mail " + address + " already exists.");
        }
        Duration valid = validFor == null ? lifetime : validFor;
        if (valid.isNegative() || valid.isZero() || valid.compareTo(Duration.ofDays(30)) > 0) {
            throw ApiException.badRequest("invalid-expiry", "An invitation is valid for 1 hour to 30 days.");
        }
        Instant now = clock.instant();
        String token = Ids.random(43);
        Invitation invitation = new Invitation(Ids.newId("inv"), address, r, grants, Principal.current().username(), now,
                now.plus(valid), null, null, null);
        store.insert(invitation, Digests.sha256(token));
        String link = stripSlash(baseUrl) + "/invite#token=" + token;
        String error = null;
        if (!mail.configured()) {
            error = "no SMTP server is configured (set CODERUNNER_SMTP_HOST); pass the link on yourself";
        } else {
            try {
                mail.send(invitation, link);
            } catch (dev.coderunner.mail.Mailer.MailFailure e) {
                error = e.getMessage();
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("email", address);
        detail.put("role", r.name().toLowerCase(Locale.ROOT));
        detail.put("memberships", grants);
        detail.put("emailSent", error == null);
        audit.record("invitation.create", "invitation/" + invitation.id(), detail);
        return new Created(invitation, link, error == null, error);
    }

    public List<Invitation> list() {
        return store.list(LIST_LIMIT);
    }

    @Transactional
    public void revoke(String id) {
        Invitation invitation = store.byId(id).orElseThrow(() -> ApiException.notFound("invitation", id));
        if (!store.revoke(id, clock.instant())) {
            throw ApiException.conflict("invitation-not-pending",
                    "The invitation is " + invitation.status(clock.instant()).name().toLowerCase(Locale.ROOT) + "; only a pending one can be revoked.");
        }
        audit.record("invitation.revoke", "invitation/" + id, Map.of("email", invitation.email()));
    }

    /** The pending invitation a link token belongs to; 404 for unknown, 410 for used, revoked or expired links. */
    public Invitation byToken(String token) {
        Invitation invitation = store.byTokenHash(Digests.sha256(token == null ? "" : token))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "invitation-not-found",
                        "This invitation link is not valid. Check that you copied all of it."));
        Invitation.Status status = invitation.status(clock.instant());
        if (status != Invitation.Status.PENDING) {
            String why = switch (status) {
                case ACCEPTED -> "has already been used";
                case REVOKED -> "was revoked";
                default -> "has expired";
            };
            throw new ApiException(HttpStatus.GONE, "invitation-" + status.name().toLowerCase(Locale.ROOT),
                    "This invitation " + why + ". Ask an admin for a new one.");
        }
        return invitation;
    }

    /** The newest pending invitation for {@code email}, for a first single sign-on with that (verified) address. */
    public Optional<Invitation> pendingFor(String email) {
        return store.pendingFor(Accounts.normalEmail(email), clock.instant()).stream().findFirst();
    }

    /** Accepts by choosing a username and password; the account gets the invitation's e-mail, role and memberships. */
    @Transactional
    public User accept(String token, String username, String password) {
        Invitation invitation = byToken(token);
        if (password == null || password.length() < 8 || password.length() > 200) {
            throw ApiException.badRequest("invalid-password", "A password is 8 to 200 characters.");
        }
        return accept(invitation, username, password, "password");
    }

    /**
     * Turns a pending invitation into a user (with no usable password when {@code password} is null, for single
     * sign-on). Single use: a second acceptance of the same invitation fails with 410.
     */
    @Transactional
    public User accept(Invitation invitation, String username, String password, String method) {
        User user = accounts.create(username, invitation.email(), invitation.role(), password);
        if (!store.markAccepted(invitation.id(), user.id(), clock.instant())) {
            throw new ApiException(HttpStatus.GONE, "invitation-accepted", "This invitation has already been used.");
        }
        events.publishEvent(new InvitationAccepted(invitation.id(), user.id(), user.username(), invitation.memberships()));
        audit.record("invitation.accept", "user/" + user.username(),
                Map.of("invitation", invitation.id(), "email", invitation.email(), "role", user.role().name().toLowerCase(Locale.ROOT),
                        "method", method));
        return user;
    }

    static String validEmail(String email) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
            throw ApiException.badRequest("invalid-email", "'" + email + "' is not an e-mail address.");
        }
        return Accounts.normalEmail(email);
    }

    private static Role role(String role) {
        for (Role r : Role.values()) {
            if (r.name().equalsIgnoreCase(role == null ? "" : role)) {
                return r;
            }
        }
        throw ApiException.badRequest("invalid-role", "role must be one of admin, operator, developer, viewer; got '" + role + "'.");
    }

    private List<Invitation.Membership> memberships(List<Invitation.Membership> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_MEMBERSHIPS) {
            throw ApiException.badRequest("too-many-memberships", "At most " + MAX_MEMBERSHIPS + " app memberships per invitation.");
        }
        List<Invitation.Membership> out = new ArrayList<>();
        for (Invitation.Membership m : requested) {
            if (m == null || m.app() == null) {
                throw ApiException.badRequest("invalid-membership", "Each membership needs an app.");
            }
            apps.require(m.app());
            String role = m.role() == null ? "developer" : m.role().toLowerCase(Locale.ROOT);
            if (!MEMBERSHIP_ROLES.contains(role)) {
                throw ApiException.badRequest("invalid-membership", "A membership role is one of " + MEMBERSHIP_ROLES + "; got '" + m.role() + "'.");
            }
            out.add(new Invitation.Membership(m.app(), role));
        }
        return List.copyOf(out);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
