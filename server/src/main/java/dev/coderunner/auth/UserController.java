package dev.coderunner.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.web.ApiException;
import dev.coderunner.web.AuditNotes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The users API (admins only, enforced centrally by access.RouteRules): list, create, change role,
 * email or active flag, reset a password. And {@code POST /auth/password}: anyone changes their own.
 */
@RestController
class UserController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    record UserView(String id, String username, String email, String role, boolean active, String createdAt, String lastLoginAt,
            boolean hasPassword) {
        static UserView of(Account a) {
            User u = a.user();
            return new UserView(u.id(), u.username(), a.email(), u.role().name().toLowerCase(), u.active(), u.createdAt().toString(),
                    a.lastLoginAt() == null ? null : a.lastLoginAt().toString(), a.hasPassword());
        }
    }

    record CreateUser(@NotBlank @Size(max = 64) String username, @Size(max = 254) String email, @Size(max = 200) String password,
            @NotBlank String role) {
    }

    record UpdateUser(String role, Boolean active, @Size(max = 254) String email) {
    }

    record ResetPassword(@NotBlank @Size(max = 200) String password) {
    }

    record ChangePassword(@NotBlank @Size(max = 200) String currentPassword, @NotBlank @Size(max = 200) String newPassword) {
    }

    @GetMapping("/api/v1/users")
    Map<String, Object> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT + "; got " + limit + ".");
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        List<Account> page = users.list(cursor, n + 1);
        List<UserView> items = page.stream().limit(n).map(UserView::of).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("nextCursor", page.size() > n ? items.getLast().username() : null);
        return out;
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@Valid @RequestBody CreateUser request) {
        UserView created = UserView.of(users.create(request.username(), request.email(), request.password(), UserService.parseRole(request.role())));
        AuditNotes.after(created);
        return created;
    }

    @GetMapping("/api/v1/users/{id}")
    UserView get(@PathVariable String id) {
        return UserView.of(users.require(id));
    }

    @PatchMapping("/api/v1/users/{id}")
    UserView update(@PathVariable String id, @Valid @RequestBody UpdateUser request) {
        AuditNotes.before(UserView.of(users.require(id)));
        Role role = request.role() == null ? null : UserService.parseRole(request.role());
        UserView updated = UserView.of(users.update(id, role, request.active(), request.email(), Principal.current()));
        AuditNotes.after(updated);
        return updated;
    }

    @PostMapping("/api/v1/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String id, @Valid @RequestBody ResetPassword request) {
        users.resetPassword(id, request.password());
    }

    @PostMapping("/api/v1/auth/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeOwnPassword(@Valid @RequestBody ChangePassword request, HttpServletRequest http) {
        users.changeOwnPassword(Principal.current(), request.currentPassword(), request.newPassword(), SessionCookie.read(http));
    }
}
