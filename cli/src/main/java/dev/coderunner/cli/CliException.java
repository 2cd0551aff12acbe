package dev.coderunner.cli;

/** A failure the user can act on: printed as one {@code error:} line, never with a stack trace. */
final class CliException extends RuntimeException {

    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;

    private final int exitCode;

    CliException(String message) {
        this(message, FAILURE);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
