package dev.coderunner.app;

/** Application events other capabilities react to (the runtime stops a deleted app's instances). */
public final class AppEvents {

    private AppEvents() {
    }

    /** An app was just created (inside the creating transaction), by the current caller. */
    public record AppCreated(String app) {
    }

    /** An app is about to be deleted: stop everything it runs before its rows go. */
    public record AppDeleting(String app) {
    }
}
