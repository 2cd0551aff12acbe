package dev.coderunner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The one HTTP client of the {@code /api/v1} REST and SSE API; turns problem+json answers into {@link ApiException}. */
final class ApiClient {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String server;
    private final String token;

    ApiClient(String server, String token) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.token = token;
    }

    String server() {
        return server;
    }

    JsonNode get(String path) {
        return get(path, Map.of());
    }

    JsonNode get(String path, Map<String, String> query) {
        return call(request(path + queryString(query)).GET());
    }

    /** A GET whose answer is a text file (an export), returned as is. */
    String getText(String path, Map<String, String> query) {
        try {
            HttpResponse<String> response = send(request(path + queryString(query)).header("Accept", "*/*").GET().build(),
                    BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw problem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    JsonNode post(String path, Object body) {
        return call(withJson(request(path), "POST", body));
    }

    JsonNode put(String path, Object body) {
        return call(withJson(request(path), "PUT", body));
    }

    JsonNode patch(String path, Object body) {
        return call(withJson(request(path), "PATCH", body));
    }

    void delete(String path) {
        call(request(path).DELETE());
    }

    /**
     * Posts a raw body (an archive) with extra headers; answers the JSON resource. A lost connection stays an
     * IOException so the caller can retry with the same {@code Idempotency-Key}.
     */
    JsonNode upload(String path, BodyPublisher body, String contentType, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = request(path).header("Content-Type", contentType).POST(body)
                .timeout(Duration.ofMinutes(30));
        headers.forEach(request::header);
        HttpResponse<String> response = send(request.build(), BodyHandlers.ofString());
        return answer(response);
    }

    /** Opens a {@code text/event-stream}; the caller reads and closes it. Connection failures stay IOExceptions. */
    InputStream openStream(String path, Map<String, String> query, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path + queryString(query)))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<InputStream> response = send(request.build(), BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            try (InputStream body = response.body()) {
                throw problem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }

    static String queryString(Map<String, String> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                joiner.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(CALL_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private URI uri(String path) {
        try {
            return URI.create(server + "/api/v1" + path);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad server URL '" + server + "': " + e.getMessage(), CliException.USAGE);
        }
    }

    private HttpRequest.Builder withJson(HttpRequest.Builder request, String method, Object body) {
        return request.header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(Json.write(body, false)));
    }

    private JsonNode call(HttpRequest.Builder request) {
        try {
            return answer(send(request.build(), BodyHandlers.ofString()));
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private JsonNode answer(HttpResponse<String> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), contentType, response.body());
        }
        String body = response.body();
        try {
            return body == null || body.isBlank() ? Json.object() : Json.parse(body);
        } catch (JacksonException e) {
            throw new CliException("the server at " + server + " answered something that is not JSON");
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    CliException unreachable(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException("cannot reach the server at " + server + " (" + why + ")");
    }

    private ApiException problem(int status, String contentType, String body) {
        if (contentType.contains("json") && body != null && !body.isBlank()) {
            try {
                JsonNode problem = Json.parse(body);
                String detail = Output.text(problem, "detail");
                if (detail.isEmpty()) {
                    detail = Output.text(problem, "title");
                }
                List<String> fields = new ArrayList<>();
                for (JsonNode error : problem.path("errors")) {
                    fields.add(Output.text(error, "field") + ": " + Output.text(error, "message"));
                }
                return new ApiException(status, Output.text(problem, "type"),
                        detail.isEmpty() ? "HTTP " + status : detail, fields);
            } catch (JacksonException e) {
                // fall through: the server or a proxy answered an error page that only claims to be JSON
            }
        }
        String hint = status == 401 ? "not logged in or the token expired; run 'coderunner login'"
                : "HTTP " + status + " from " + server;
        return new ApiException(status, "", hint, List.of());
    }
}
