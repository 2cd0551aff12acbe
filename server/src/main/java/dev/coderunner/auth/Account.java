package dev.coderunner.auth;

import java.time.Instant;

/** A user as the users API shows it: the account plus its email, last login and whether it has a password. */
public record Account(User user, String email, Instant lastLoginAt, boolean hasPassword) {

    public String id() {
        return user.id();
    }

    public String username() {
        return user.username();
    }
}
