package dev.coderunner.invitations;

import java.util.List;

/**
 * Published (as a Spring application event, inside the accepting transaction) when an invitation turned into
 * a user, so that the app-membership capability can grant {@code memberships} to the new user.
 */
public record InvitationAccepted(String invitationId, String userId, String username, List<Invitation.Membership> memberships) {
}
