package dev.coderunner.access;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.TokenScope;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The permission model in one place (docs/decisions/0007-roles-and-membership.md): what a caller may
 * do to an app, from their global role, their membership of the app and their token's scope.
 * <ul>
 * <li>ADMIN: everything on every app.</li>
 * <li>OPERATOR: read and operate every app; deploy and configure the apps they are a developer of.</li>
 * <li>DEVELOPER: read, operate, deploy and configure the apps they are a developer of; read those they are a viewer of.</li>
 * <li>VIEWER: read the apps they are a member of.</li>
 * </ul>
 * An app a caller cannot read does not exist for them: they get 404, never 403, and it is left out of lists.
 * A token's scope only ever narrows: {@code read} allows READ, {@code deploy} everything up to CONFIGURE.
 */
@Service
public class AppAccess {

    private static final Set<Action> DEVELOPER_ACTIONS = EnumSet.of(Action.READ, Action.OPERATE, Action.DEPLOY, Action.CONFIGURE);

    private final MemberStore members;

    AppAccess(MemberStore members) {
        this.members = members;
    }

    /** The apps a caller can see: all of them, or the listed ones. */
    public record Visible(boolean all, Set<String> apps) {
        public boolean contains(String app) {
            return all || apps.contains(app);
        }
    }

    /** What the caller may do to {@code app}, before their token scope is applied. */
    public Set<Action> rights(Principal p, String app) {
        if (p.role() == Role.ADMIN) {
            return EnumSet.allOf(Action.class);
        }
        Optional<AppRole> membership = members.role(app, p.userId());
        Set<Action> out = EnumSet.noneOf(Action.class);
        switch (p.role()) {
            case OPERATOR -> {
                out.addAll(EnumSet.of(Action.READ, Action.OPERATE));
                if (membership.orElse(null) == AppRole.DEVELOPER) {
                    out.addAll(DEVELOPER_ACTIONS);
                }
            }
            case DEVELOPER -> membership.ifPresent(m -> out.addAll(m == AppRole.DEVELOPER ? DEVELOPER_ACTIONS : EnumSet.of(Action.READ)));
            default -> membership.ifPresent(m -> out.add(Action.READ));
        }
        return out;
    }

    /** What the caller may do to {@code app} with the credential they used. */
    public Set<Action> allowed(Principal p, String app) {
        Set<Action> out = rights(p, app);
        out.removeIf(a -> !scopeAllows(p.scope(), a));
        return out;
    }

    public boolean can(Principal p, String app, Action action) {
        return scopeAllows(p.scope(), action) && rights(p, app).contains(action);
    }

    public boolean canSee(Principal p, String app) {
        return rights(p, app).contains(Action.READ);
    }

    /** 404 when the caller cannot see the app at all (as if it did not exist), 403 when they can but not this. */
    public void require(Principal p, String app, Action action) {
        Set<Action> rights = rights(p, app);
        if (!rights.contains(Action.READ)) {
            throw ApiException.notFound("app", app);
        }
        if (!rights.contains(action)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "Your role does not allow '" + action.wire() + "' on app '" + app + "'.");
        }
        if (!scopeAllows(p.scope(), action)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                    "This API token's scope (" + p.scope().name().toLowerCase() + ") does not allow '" + action.wire() + "'.");
        }
    }

    public Visible visible(Principal p) {
        if (p.role() == Role.ADMIN || p.role() == Role.OPERATOR) {
            return new Visible(true, Set.of());
        }
        return new Visible(false, members.ofUser(p.userId()).keySet());
    }

    /** The caller's memberships, app → role. */
    public Map<String, AppRole> memberships(String userId) {
        return members.ofUser(userId);
    }

    /** Creating an app: admins, operators and developers, with a token of at least {@code deploy} scope. */
    public boolean canCreateApps(Principal p) {
        return p.role() != Role.VIEWER && scopeAllows(p.scope(), Action.CONFIGURE);
    }

    /** Global administration (users, keys, unclassified routes): admins, with a login or an admin-scoped token. */
    public static boolean isAdmin(Principal p) {
        return p.role() == Role.ADMIN && (p.scope() == null || p.scope() == TokenScope.ADMIN);
    }

    static boolean scopeAllows(TokenScope scope, Action action) {
        if (scope == null || scope == TokenScope.ADMIN) {
            return true;
        }
        return scope == TokenScope.READ ? action == Action.READ : action != Action.MANAGE;
    }
}
