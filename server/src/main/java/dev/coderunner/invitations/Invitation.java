package dev.coderunner.invitations;

import java.time.Instant;
import java.util.List;

import dev.coderunner.auth.Role;

/** An invitation of one e-mail address to become a user with a role and app memberships. Its link token is stored hashed. */
public record Invitation(String id, String email, Role role, List<Membership> memberships, String createdBy, Instant createdAt,
        Instant expiresAt, Instant acceptedAt, String acceptedUserId, Instant revokedAt) {

    /** A membership the invitee gets in one app. */
    public record Membership(String app, String role) {
    }

    /** Where an invitation stands: only a pending one can be accepted. */
    public enum Status { PENDING, ACCEPTED, REVOKED, EXPIRED }

    public Status status(Instant now) {
        if (acceptedAt != null) {
            return Status.ACCEPTED;
        }
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt.isAfter(now) ? Status.PENDING : Status.EXPIRED;
    }
}
