package dev.coderunner.access;

import java.util.List;

import dev.coderunner.auth.Account;
import dev.coderunner.auth.Principal;
import dev.coderunner.auth.UserService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /auth/profile}: who the caller is, their role, the scope of the token they used, and their memberships. */
@RestController
class ProfileController {

    private final UserService users;
    private final AppAccess access;

    ProfileController(UserService users, AppAccess access) {
        this.users = users;
        this.access = access;
    }

    record Membership(String app, String role) {
    }

    record Profile(String id, String username, String email, String role, String scope, boolean canCreateApps, boolean admin,
            List<Membership> memberships) {
    }

    @GetMapping("/api/v1/auth/profile")
    Profile profile() {
        Principal p = Principal.current();
        String email = users.find(p.userId()).map(Account::email).orElse(null);
        List<Membership> memberships = access.memberships(p.userId()).entrySet().stream()
                .map(e -> new Membership(e.getKey(), e.getValue().wire())).toList();
        return new Profile(p.userId(), p.username(), email, p.role().name().toLowerCase(),
                p.scope() == null ? null : p.scope().name().toLowerCase(), access.canCreateApps(p), AppAccess.isAdmin(p), memberships);
    }
}
