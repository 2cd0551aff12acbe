package dev.coderunner.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A domain error that the API answers as RFC 9457 problem+json. Each subclass or factory
 * names one stable {@code type} slug; the detail is shown to users, so it never holds internals.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String type, String detail) {
        this(status, type, detail, List.of());
    }

    public ApiException(HttpStatus status, String type, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One invalid field: where (a JSON pointer-ish path or manifest field) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static ApiException notFound(String what, String name) {
        return new ApiException(HttpStatus.NOT_FOUND, what + "-not-found", "No " + what + " named '" + name + "'.");
    }

    public static ApiException invalid(String type, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, type, detail);
    }

    public static ApiException badRequest(String type, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, type, detail);
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(HttpStatus.CONFLICT, type, detail);
    }
}
