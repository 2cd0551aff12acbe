package dev.coderunner.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** A stand-in for the control plane on a random port: answers like the REST contract and records every request. */
final class FakeServer implements AutoCloseable {

    /** One request as the server saw it; header names lower-cased. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Answers one request; may stream (SSE) and close whenever it likes. */
    interface Handler {
        void handle(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Routes {@code METHOD /api/v1/path} (no query) to a handler. */
    FakeServer on(String method, String path, Handler handler) {
        routes.put(method + " /api/v1" + path, handler);
        return this;
    }

    FakeServer json(String method, String path, int status, String body) {
        return on(method, path, (exchange, request) -> send(exchange, status, "application/json", body));
    }

    FakeServer problem(String method, String path, int status, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":\"Problem\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
        return on(method, path, (exchange, request) -> send(exchange, status, "application/problem+json", body));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathSuffix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).toList();
    }

    Request last(String method, String pathSuffix) {
        List<Request> matching = requests(method, pathSuffix);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + method + " " + pathSuffix + " in " + requests);
        }
        return matching.get(matching.size() - 1);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts an SSE answer; write events with {@link #event} and close the exchange to end the stream. */
    static OutputStream startEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    static void event(OutputStream out, String id, String event, String data) throws IOException {
        StringBuilder text = new StringBuilder();
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        if (event != null) {
            text.append("event: ").append(event).append('\n');
        }
        text.append("data: ").append(data).append("\n\n");
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()),
                            (a, b) -> a));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Handler handler = routes.get(request.method() + " " + request.path());
            if (handler == null) {
                send(exchange, 404, "application/problem+json",
                        "{\"status\":404,\"detail\":\"no route " + request.method() + " " + request.path() + "\"}");
                return;
            }
            handler.handle(exchange, request);
        } catch (IOException e) {
            // the client went away mid-answer: normal for streams the test cuts short
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
