package dev.coderunner.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.stereotype.Component;

/** Runs one health check against an instance's port: a TCP connect, or an HTTP GET of the spec's path. */
@Component
public class HealthProbe {

    /** The outcome of one check; {@code reason} says why it failed (status code, timeout, connection refused). */
    public record Result(boolean ok, String reason) {
        static final Result OK = new Result(true, null);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Result check(HealthCheckSpec spec, int port) {
        return spec.path() == null ? tcp(port, spec.timeout()) : http(port, spec);
    }

    private static Result tcp(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            return Result.OK;
        } catch (IOException e) {
            return new Result(false, "connection refused on port " + port);
        }
    }

    private Result http(int port, HealthCheckSpec spec) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + spec.path()))
                .timeout(spec.timeout()).header("User-Agent", "CodeRunner-HealthCheck").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 400) {
                return Result.OK;
            }
            String body = response.body();
            return new Result(false, "GET " + spec.path() + " answered " + status + (body.isBlank() ? "" : ": " + excerpt(body)));
        } catch (java.net.http.HttpTimeoutException e) {
            return new Result(false, "GET " + spec.path() + " timed out after " + spec.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return new Result(false, "GET " + spec.path() + " failed: connection refused");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    private static String excerpt(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
