package dev.coderunner.invitations;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.coderunner.mail.Mailer;
import org.springframework.stereotype.Component;

/** The invitation e-mail: who invited, with which role, the link and when it stops working. */
@Component
class InvitationMail {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Mailer mailer;

    InvitationMail(Mailer mailer) {
        this.mailer = mailer;
    }

    boolean configured() {
        return mailer.configured();
    }

    void send(Invitation invitation, String link) {
        String text = """
                %s invited you to CodeRunner as %s.

                Open this link to choose a username and password (or to sign in with single sign-on):

                %s

                The link works once and expires at %s. If you did not expect this, ignore this e-mail.
                """.formatted(invitation.createdBy(), invitation.role().name().toLowerCase(), link, WHEN.format(invitation.expiresAt()));
        mailer.send(invitation.email(), "You are invited to CodeRunner", text);
    }
}
