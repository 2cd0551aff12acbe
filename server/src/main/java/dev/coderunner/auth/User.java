package dev.coderunner.auth;

import java.time.Instant;

/** An account. The password hash never leaves the auth package. */
public record User(String id, String username, Role role, boolean active, Instant createdAt) {
}
