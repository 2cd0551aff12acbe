package dev.coderunner.auth;

/**
 * A user's rights changed in a way a long-lived view of them cannot follow: role changed (either way),
 * deactivated, password reset by an admin, removed from an app. Whatever holds such a view, such as open
 * WebSocket subscriptions, drops it once the change is committed.
 */
public record AccessChanged(String userId, String why) {
}
