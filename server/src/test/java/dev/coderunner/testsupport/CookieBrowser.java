package dev.coderunner.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A cookie-keeping HTTP client that follows redirects one at a time, as a browser would, so tests can walk
 * an OAuth sign-in (control plane → provider → control plane) and then use the dashboard session cookie.
 */
public final class CookieBrowser {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public CookieBrowser(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Opens {@code path} and follows up to 10 redirects; returns the last answer and where it came from. */
    public Visit open(String path) {
        URI uri = URI.create(path.startsWith("http") ? path : base + path);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30)).build());
            String location = r.headers().firstValue("Location").orElse(null);
            if (r.statusCode() / 100 != 3 || location == null) {
                return new Visit(uri, r);
            }
            uri = uri.resolve(location);
            if (uri.getPath().equals("/") || uri.getPath().equals("/login")) {
                return new Visit(uri, r); // back at the dashboard: a browser would now load the app
            }
        }
        throw new AssertionError("more than 10 redirects from " + path);
    }

    /** Exchanges the refresh cookie for an access token, as the dashboard does on load; null when there is no session. */
    public String accessToken() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/refresh"))
                .header("X-CodeRunner-CSRF", "1").POST(HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() != 200) {
            return null;
        }
        return Api.JSON.readTree(r.body()).get("accessToken").asString();
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public boolean hasCookie(String name) {
        return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).anyMatch(name::equals);
    }

    /** Where a visit ended: the URI of the last answer (for a redirect to the dashboard, its target). */
    public record Visit(URI uri, HttpResponse<String> response) {
        public String query(String name) {
            String q = uri.getRawQuery();
            if (q == null) {
                return null;
            }
            for (String part : q.split("&")) {
                if (part.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(part.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
