package dev.coderunner.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.coderunner.app.AppEvents;
import dev.coderunner.auth.AccessChanged;
import dev.coderunner.app.AppService;
import dev.coderunner.auth.Account;
import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.UserService;
import dev.coderunner.invitations.Invitation;
import dev.coderunner.invitations.InvitationAccepted;
import dev.coderunner.web.ApiException;
import dev.coderunner.web.AuditNotes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who belongs to an app and with which {@link AppRole}. A developer or viewer who creates an app
 * becomes its developer, so they do not lose sight of it. Memberships go when the app goes.
 */
@Service
public class AppMembers {

    private final MemberStore store;
    private final AppService apps;
    private final UserService users;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AppMembers(MemberStore store, AppService apps, UserService users, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.apps = apps;
        this.users = users;
        this.clock = clock;
    }

    /** One member as the API shows it. */
    public record Member(String userId, String username, String role, String globalRole, boolean active, Instant since, String addedBy) {
    }

    public List<Member> list(String app) {
        apps.require(app);
        return store.ofApp(app).stream()
                .flatMap(row -> users.find(row.userId()).map(a -> view(row, a)).stream())
                .toList();
    }

    /** Adds the user to the app or changes their role there; used by the API and by invitations. */
    @Transactional
    public Member put(String app, String username, AppRole role) {
        apps.require(app);
        Account account = users.find(username).orElseThrow(() -> ApiException.notFound("user", username));
        store.put(app, account.id(), role, clock.instant(), Principal.current().username());
        return store.ofApp(app).stream().filter(r -> r.userId().equals(account.id())).findFirst()
                .map(r -> view(r, account)).orElseThrow();
    }

    @Transactional
    public void remove(String app, String username) {
        apps.require(app);
        Account account = users.find(username).orElseThrow(() -> ApiException.notFound("user", username));
        if (!store.delete(app, account.id())) {
            throw new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "member-not-found",
                    "'" + username + "' is not a member of app '" + app + "'.");
        }
        events.publishEvent(new AccessChanged(account.id(), "removed from app " + app));
    }

    @EventListener
    void creatorJoins(AppEvents.AppCreated created) {
        AuditNotes.put("app", created.app());   // the request's audit row is about the new app
        Principal creator = Principal.current();
        if (creator.role() == Role.DEVELOPER || creator.role() == Role.VIEWER) {
            store.put(created.app(), creator.userId(), AppRole.DEVELOPER, clock.instant(), creator.username());
        }
    }

    /** An accepted invitation brings the app memberships it offered (the invitee is no caller yet). */
    @EventListener
    void invited(InvitationAccepted accepted) {
        for (Invitation.Membership m : accepted.memberships()) {
            try {
                apps.require(m.app());
            } catch (ApiException gone) {
                continue;   // an app deleted since the invitation was made
            }
            store.put(m.app(), accepted.userId(), AppRole.parse(m.role()), clock.instant(), "invitation");
        }
    }

    private static Member view(MemberStore.Row row, Account account) {
        return new Member(account.id(), account.username(), row.role().wire(), account.user().role().name().toLowerCase(),
                account.user().active(), row.createdAt(), row.createdBy());
    }
}
