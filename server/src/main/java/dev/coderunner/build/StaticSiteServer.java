package dev.coderunner.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The web process of a static site: serves a folder (the argument, else the working folder) on
 * {@code $PORT}. It runs outside the control plane's fat jar from a copied class file, so it uses
 * only the JDK and must stay free of nested, inner and anonymous classes (lambdas are fine).
 */
public final class StaticSiteServer {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("map", "application/json"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"), Map.entry("mp4", "video/mp4"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final Path root;

    private StaticSiteServer(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toRealPath();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
        server.createContext("/", new StaticSiteServer(root)::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        // SIGTERM runs shutdown hooks: stop accepting, give in-flight requests a moment, exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
        server.start();
        System.out.println("static site " + root + " listening on port " + port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "method not allowed\n");
                return;
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getPath() == null ? "/" : uri.getPath();
            Path file = resolve(path);
            if (file != null && Files.isDirectory(file)) {
                if (!path.endsWith("/")) {
                    // relative links in index.html need the trailing slash
                    exchange.getResponseHeaders().set("Location", path + "/" + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                    send(exchange, 301, "");
                    return;
                }
                file = file.resolve("index.html");
            }
            if (file == null || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root)) {
                send(exchange, 404, "not found\n");
                return;
            }
            serve(exchange, file, method.equals("HEAD"));
        }
    }

    /** The file for a URL path, or null when the path leaves the site folder. */
    private Path resolve(String urlPath) {
        if (urlPath.indexOf('\0') >= 0 || urlPath.indexOf('\\') >= 0) {
            return null;
        }
        Path file = root.resolve(urlPath.replaceFirst("^/+", "")).normalize();
        return file.startsWith(root) ? file : null;
    }

    private static void serve(HttpExchange exchange, Path file, boolean head) throws IOException {
        long size = Files.size(file);
        Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
        String etag = "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.getEpochSecond()) + "\"";
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType(file));
        headers.set("ETag", etag);
        headers.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC)));
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        if (notModified(exchange, etag, modified)) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        if (head) {
            headers.set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    private static boolean notModified(HttpExchange exchange, String etag, Instant modified) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.equals("*") || ifNoneMatch.contains(etag);
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(ifModifiedSince, Instant::from);
            return !modified.isAfter(since);
        } catch (java.time.format.DateTimeParseException e) {
            return false; // an unreadable date is ignored, as RFC 9110 asks
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
