package dev.coderunner.sso;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import dev.coderunner.audit.AuditLog;
import dev.coderunner.auth.Accounts;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.User;
import dev.coderunner.invitations.Invitation;
import dev.coderunner.invitations.Invitations;
import dev.coderunner.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a provider's sign-in into a CodeRunner user, in this order: a linked identity; the invitation whose
 * link started the sign-in; an account with the same verified e-mail; a pending invitation for that e-mail;
 * else a new VIEWER, unless sign-up is invitation-only.
 */
@Service
class SsoLogin {

    /** A sign-in that is refused, with a message for the login page. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final SsoIdentityStore identities;
    private final Accounts accounts;
    private final Invitations invitations;
    private final SsoProviders providers;
    private final AuditLog audit;
    private final Clock clock;

    SsoLogin(SsoIdentityStore identities, Accounts accounts, Invitations invitations, SsoProviders providers, AuditLog audit, Clock clock) {
        this.identities = identities;
        this.accounts = accounts;
        this.invitations = invitations;
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public User resolve(SsoIdentity identity, String invitationToken) {
        Optional<User> linked = identities.userOf(identity.provider(), identity.subject()).flatMap(accounts::byId);
        if (linked.isPresent()) {
            identities.touch(identity, clock.instant());
            return signedIn(active(linked.get()), identity, "linked");
        }
        if (invitationToken != null) {
            Invitation invitation = invitation(invitationToken);
            return created(invitations.accept(invitation, username(identity, invitation.email()), null, "sso:" + identity.provider()), identity);
        }
        if (identity.verifiedEmail() != null) {
            Optional<User> byEmail = accounts.byEmail(identity.verifiedEmail());
            if (byEmail.isPresent()) {
                User user = active(byEmail.get());
                identities.link(identity, user.id(), clock.instant());
                return signedIn(user, identity, "email");
            }
            Optional<Invitation> invited = invitations.pendingFor(identity.verifiedEmail());
            if (invited.isPresent()) {
                return created(invitations.accept(invited.get(), username(identity, identity.verifiedEmail()), null,
                        "sso:" + identity.provider()), identity);
            }
        }
        if (providers.signup() == SsoSettings.Signup.INVITATION_ONLY) {
            throw new Refused(identity.verifiedEmail() == null
                    ? "Your " + identity.provider() + " account has no verified e-mail address and no CodeRunner account. Ask an admin for an invitation."
                    : "There is no CodeRunner account or invitation for " + identity.verifiedEmail() + ". Ask an admin for an invitation.");
        }
        User user = accounts.create(username(identity, identity.verifiedEmail()), identity.verifiedEmail(), Role.VIEWER, null);
        audit.record("user.signup", "user/" + user.username(), Map.of("provider", identity.provider(), "role", "viewer"));
        return created(user, identity);
    }

    private User created(User user, SsoIdentity identity) {
        identities.link(identity, user.id(), clock.instant());
        return signedIn(user, identity, "new");
    }

    private User signedIn(User user, SsoIdentity identity, String how) {
        audit.record("auth.sso-login", "user/" + user.username(), Map.of("provider", identity.provider(), "match", how));
        return user;
    }

    private Invitation invitation(String token) {
        try {
            return invitations.byToken(token);
        } catch (ApiException e) {
            throw new Refused(e.getMessage());
        }
    }

    private String username(SsoIdentity identity, String email) {
        String wish = identity.usernameWish();
        if (wish == null && email != null) {
            wish = email.substring(0, email.indexOf('@'));
        }
        return accounts.freeUsername(wish);
    }

    private static User active(User user) {
        if (!user.active()) {
            throw new Refused("The account " + user.username() + " is deactivated.");
        }
        return user;
    }
}
