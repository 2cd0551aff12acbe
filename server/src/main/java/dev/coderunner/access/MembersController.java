package dev.coderunner.access;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.UserService;
import dev.coderunner.web.AuditNotes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * App membership ({@code /apps/{app}/members}), a user's memberships, and what the caller may do to
 * an app ({@code /apps/{app}/access}, for the dashboard to hide what it would refuse anyway).
 */
@RestController
class MembersController {

    private final AppMembers members;
    private final AppAccess access;
    private final UserService users;

    MembersController(AppMembers members, AppAccess access, UserService users) {
        this.members = members;
        this.access = access;
        this.users = users;
    }

    record PutMember(@NotBlank String role) {
    }

    @GetMapping("/api/v1/apps/{app}/members")
    Map<String, List<AppMembers.Member>> list(@PathVariable String app) {
        return Map.of("items", members.list(app));
    }

    @PutMapping("/api/v1/apps/{app}/members/{username}")
    AppMembers.Member put(@PathVariable String app, @PathVariable String username, @Valid @RequestBody PutMember request) {
        AppMembers.Member member = members.put(app, username, AppRole.parse(request.role()));
        AuditNotes.after(Map.of("username", member.username(), "role", member.role()));
        return member;
    }

    @DeleteMapping("/api/v1/apps/{app}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String app, @PathVariable String username) {
        members.remove(app, username);
    }

    record AccessView(String app, List<String> actions) {
    }

    @GetMapping("/api/v1/apps/{app}/access")
    AccessView mine(@PathVariable String app) {
        Set<Action> allowed = access.allowed(Principal.current(), app);
        return new AccessView(app, allowed.stream().map(Action::wire).toList());
    }

    record MembershipView(String app, String role) {
    }

    @GetMapping("/api/v1/users/{id}/memberships")
    Map<String, List<MembershipView>> ofUser(@PathVariable String id) {
        String userId = users.require(id).id();
        return Map.of("items", access.memberships(userId).entrySet().stream()
                .map(e -> new MembershipView(e.getKey(), e.getValue().wire())).toList());
    }
}
