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

    private final dev.coderunner.Lazy<HttpClient> http = dev.coderunner.Lazy.of(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build());

    /** Runs the check for an instance listening on {@code port} (0: none) whose files are in {@code workDir}. */
    public Result check(HealthCheckSpec spec, int port, java.nio.file.Path workDir, java.util.Map<String, String> environment) {
        return switch (spec.kind()) {
            case "command" -> command(spec, workDir, environment);
            case "http" -> http(port, spec);
            default -> tcp(port, spec.timeout());
        };
    }

    private static Result command(HealthCheckSpec spec, java.nio.file.Path workDir, java.util.Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", spec.command()).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(spec.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(false, "command timed out after " + spec.timeout().toMillis() + " ms");
            }
            String output = new String(process.getInputStream().readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? Result.OK
                    : new Result(false, "command exited with code " + process.exitValue() + (output.isBlank() ? "" : ": " + excerpt(output)));
        } catch (IOException e) {
            return new Result(false, "command could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
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
            HttpResponse<String> response = http.get().send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= spec.statusMin() && status <= spec.statusMax()) {
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
