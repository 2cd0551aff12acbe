package dev.coderunner.deploy;

import java.util.List;

import dev.coderunner.web.ApiException;

/** A page of a list: {@code {items, nextCursor}}; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT + "; got " + requested + ".");
        }
        return requested;
    }
}
