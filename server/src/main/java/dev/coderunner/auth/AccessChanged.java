package dev.coderunner.auth;

/**
 * A user's rights shrank (role lowered, deactivated, password reset by an admin, removed from an app).
 * Whatever holds a long-lived view of that user's rights, such as open WebSocket subscriptions, drops it
 * once the change is committed.
 */
public record AccessChanged(String userId, String why) {
}
