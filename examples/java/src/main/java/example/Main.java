package example;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** CodeRunner sample app: answers on $PORT with the JDK's HTTP server, no dependencies. */
public final class Main {

    private static final String INSTANCE = System.getenv().getOrDefault("CODERUNNER_INSTANCE", "local");
    private static final String RELEASE = System.getenv().getOrDefault("CODERUNNER_RELEASE", "dev");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
        server.createContext("/", Main::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        // SIGTERM runs shutdown hooks: stop serving, then the JVM exits
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
        server.start();
        System.out.println("java example listening on port " + port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/" -> reply(exchange, 200, "hello from java " + INSTANCE + " " + RELEASE + "\n");
                case "/healthz" -> reply(exchange, 200, "ok\n");
                default -> reply(exchange, 404, "not found\n");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
