package dev.coderunner.app;

/** Application events other capabilities react to (the runtime stops a deleted app's instances). */
public final class AppEvents {

    private AppEvents() {
    }

    /** An app is about to be deleted: stop everything it runs before its rows go. */
    public record AppDeleting(String app) {
    }
}
