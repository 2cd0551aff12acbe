package dev.coderunner.logs;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

import dev.coderunner.web.ApiException;

/**
 * A destination an environment's logs are forwarded to: {@code syslog+tcp://host:port} (RFC 5424 over
 * TCP, octet-counted frames) or an {@code https://} endpoint that receives JSON arrays of entries.
 * {@code sentCursor} is how far it got; forwarding resumes there after a restart.
 */
record LogDrain(String id, String app, String env, String url, long sentCursor, Instant createdAt) {

    enum Kind { SYSLOG, HTTP }

    Kind kind() {
        return kindOf(url);
    }

    static Kind kindOf(String url) {
        String scheme;
        try {
            URI uri = URI.create(url);
            scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || uri.getPort() < 0 && scheme.startsWith("syslog")) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("invalid-drain", "A drain URL is syslog+tcp://host:port or https://host/path.");
        }
        return switch (scheme) {
            case "syslog", "syslog+tcp" -> Kind.SYSLOG;
            case "https", "http" -> Kind.HTTP;
            default -> throw ApiException.invalid("invalid-drain", "A drain URL is syslog+tcp://host:port or https://host/path.");
        };
    }

    /** The URL without credentials, for lists and logs. */
    String safeUrl() {
        URI uri = URI.create(url);
        return uri.getUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "***@");
    }
}
