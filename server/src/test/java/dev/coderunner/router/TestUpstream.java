package dev.coderunner.router;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A real HTTP server standing in for one app instance, on a random port of 127.0.0.1. */
final class TestUpstream implements AutoCloseable {

    final String name;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger holding = new AtomicInteger();
    final CompletableFuture<Void> release = new CompletableFuture<>();
    private final DisposableServer server;

    TestUpstream(String name) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/whoami", (req, res) -> {
                            hits.incrementAndGet();
                            return res.sendString(Mono.just(name));
                        })
                        .get("/headers", (req, res) -> res.sendString(Mono.just(dump(req.requestHeaders()))))
                        .get("/stream", (req, res) -> res.header("content-type", "text/event-stream")
                                .sendString(Flux.interval(Duration.ofMillis(300)).take(4).map(i -> "data: " + i + "\n\n")))
                        .post("/upload", (req, res) -> res.sendString(req.receive().map(ByteBuf::readableBytes)
                                .reduce(0L, Long::sum).map(String::valueOf)))
                        .get("/slow", (req, res) -> Mono.delay(Duration.ofSeconds(3))
                                .then(res.sendString(Mono.just("late")).then()))
                        .get("/hold", (req, res) -> {
                            holding.incrementAndGet();
                            return Mono.fromFuture(release).then(res.sendString(Mono.just("held by " + name)).then());
                        })
                        .ws("/ws", (in, out) -> out.sendObject(in.receiveFrames().doOnNext(WebSocketFrame::retain))))
                .bindNow();
    }

    Backend backend() {
        return new Backend(name, "127.0.0.1", server.port());
    }

    private static String dump(HttpHeaders headers) {
        StringBuilder out = new StringBuilder();
        headers.forEach(e -> out.append(e.getKey().toLowerCase()).append(": ").append(e.getValue()).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        release.complete(null);
        server.disposeNow(Duration.ofSeconds(5));
    }
}
