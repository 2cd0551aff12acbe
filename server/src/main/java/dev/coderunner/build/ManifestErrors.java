package dev.coderunner.build;

import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

import dev.coderunner.web.ApiException;

/** Collects every problem of a manifest file, so the user fixes them all in one go, not one per deploy. */
final class ManifestErrors {

    private final String file;
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    ManifestErrors(String file) {
        this.file = file;
    }

    void add(String field, Node at, String message) {
        add(field, at == null ? 0 : at.getStartMark().getLine() + 1, message);
    }

    /** {@code line} is 1-based; 0 when the problem has no line (a missing field). */
    void add(String field, int line, String message) {
        errors.add(new ApiException.FieldError(field, (line > 0 ? file + " line " + line + ": " : file + ": ") + message));
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw invalid(file, errors);
        }
    }

    static ApiException invalid(String file, List<ApiException.FieldError> errors) {
        String first = errors.getFirst().message();
        String detail = errors.size() == 1 ? "The " + file + " is invalid: " + first
                : "The " + file + " has " + errors.size() + " errors; the first: " + first;
        return new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "invalid-manifest", detail, errors);
    }
}
