package dev.coderunner.invitations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.coderunner.access.Access;
import dev.coderunner.auth.Accounts;
import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.User;
import dev.coderunner.web.ApiException;
import dev.coderunner.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

/**
 * {@code /api/v1/invitations}: admins create, list and revoke; the invitee (not logged in) looks the link up
 * and accepts it, which creates the account and starts a dashboard session.
 */
@RestController
@RequestMapping("/api/v1/invitations")
@Access(Access.Who.ADMIN)
class InvitationController {

    private final Invitations invitations;
    private final Accounts accounts;
    private final PublicUrl publicUrl;
    private final Clock clock;

    InvitationController(Invitations invitations, Accounts accounts, PublicUrl publicUrl, Clock clock) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    record CreateRequest(@NotBlank @Size(max = 254) String email, @NotBlank String role, List<Invitation.Membership> memberships,
            Integer expiresInHours) {
    }

    record View(String id, String email, String role, List<Invitation.Membership> memberships, String status, String createdBy,
            Instant createdAt, Instant expiresAt, Instant acceptedAt, Instant revokedAt, String link, Boolean emailSent, String emailError) {

        static View of(Invitation i, Instant now) {
            return new View(i.id(), i.email(), i.role().name().toLowerCase(Locale.ROOT), i.memberships(),
                    i.status(now).name().toLowerCase(Locale.ROOT), i.createdBy(), i.createdAt(), i.expiresAt(), i.acceptedAt(),
                    i.revokedAt(), null, null, null);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    View create(@Valid @RequestBody CreateRequest request) {
        requireAdmin();
        Duration validFor = request.expiresInHours() == null ? null : Duration.ofHours(request.expiresInHours());
        Invitations.Created created = invitations.create(request.email(), request.role(), request.memberships(), validFor, publicUrl.base());
        View v = View.of(created.invitation(), clock.instant());
        return new View(v.id(), v.email(), v.role(), v.memberships(), v.status(), v.createdBy(), v.createdAt(), v.expiresAt(), null, null,
                created.link(), created.emailSent(), created.emailError());
    }

    @GetMapping
    Map<String, List<View>> list() {
        requireAdmin();
        Instant now = clock.instant();
        return Map.of("items", invitations.list().stream().map(i -> View.of(i, now)).toList());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id) {
        requireAdmin();
        invitations.revoke(id);
    }

    record TokenRequest(@NotBlank @Size(max = 100) String token) {
    }

    record Lookup(String email, String role, List<Invitation.Membership> memberships, String invitedBy, Instant expiresAt) {
    }

    /** Public: what the link offers, for the accept page. The token travels in the body, never in a URL. */
    @Access(Access.Who.PUBLIC)
    @PostMapping("/lookup")
    Lookup lookup(@Valid @RequestBody TokenRequest request) {
        Invitation i = invitations.byToken(request.token());
        return new Lookup(i.email(), i.role().name().toLowerCase(Locale.ROOT), i.memberships(), i.createdBy(), i.expiresAt());
    }

    record AcceptRequest(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 40) String username,
            @NotBlank @Size(max = 200) String password) {
    }

    record Accepted(String id, String username, String role) {
    }

    /** Public: creates the account and starts a dashboard session (the refresh cookie), as a login does. */
    @Access(Access.Who.PUBLIC)
    @PostMapping("/accept")
    @ResponseStatus(HttpStatus.CREATED)
    Accepted accept(@Valid @RequestBody AcceptRequest request, HttpServletRequest http, HttpServletResponse response) {
        User user = invitations.accept(request.token(), request.username().strip(), request.password());
        accounts.startDashboardSession(user, http, response);
        return new Accepted(user.id(), user.username(), user.role().name().toLowerCase(Locale.ROOT));
    }

    private static void requireAdmin() {
        if (Principal.current().role() != Role.ADMIN) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only admins can manage invitations.");
        }
    }
}
