package dev.coderunner.cli;

import java.util.List;

/** An RFC 9457 problem answered by the server, reduced to what the user needs to read. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final List<String> fieldErrors;

    ApiException(int status, String type, String detail, List<String> fieldErrors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    /** Field validation errors as {@code field: message} lines. */
    List<String> fieldErrors() {
        return fieldErrors;
    }

    /** 401 and 403 exit with 3 so scripts can tell "log in again" from other failures. */
    int exitCode() {
        return status == 401 || status == 403 ? CliException.AUTH : CliException.FAILURE;
    }
}
