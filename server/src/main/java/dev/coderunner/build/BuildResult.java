package dev.coderunner.build;

/** The outcome of a build; {@code reason} says in one line why it failed (exit code, timeout). */
public record BuildResult(boolean succeeded, String reason) {

    public static BuildResult ok() {
        return new BuildResult(true, null);
    }

    public static BuildResult failed(String reason) {
        return new BuildResult(false, reason);
    }
}
