package dev.coderunner.router;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Shared set-up for router tests: a router on a random port, upstreams, and a client that sets Host. */
abstract class RouterFixture {

    /** A whole response, read into memory (test responses are small). */
    record Reply(int status, HttpHeaders headers, String body) {
    }

    final RouteTable routes = new RouteTable("localhost");
    private final List<AutoCloseable> started = new ArrayList<>();
    RouterServer router;

    RouterServer startRouter(RouterProperties properties) {
        router = new RouterServer(routes, properties);
        router.start();
        started.add(router::stop);
        return router;
    }

    RouterServer startRouter() {
        return startRouter(RouterProperties.defaults(0));
    }

    TestUpstream upstream(String name) {
        TestUpstream upstream = new TestUpstream(name);
        started.add(upstream);
        return upstream;
    }

    HttpClient client(String host) {
        return HttpClient.create().baseUrl("http://127.0.0.1:" + router.port())
                .headers(h -> h.set(HttpHeaderNames.HOST, host));
    }

    Reply get(String host, String path) {
        return get(host, path, h -> { });
    }

    Reply get(String host, String path, Consumer<HttpHeaders> headers) {
        return client(host).headers(headers).get().uri(path)
                .responseSingle((res, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Reply(res.status().code(), res.responseHeaders(), text)))
                .block(Duration.ofSeconds(15));
    }

    Mono<Reply> getLater(String host, String path) {
        return client(host).get().uri(path)
                .responseSingle((res, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Reply(res.status().code(), res.responseHeaders(), text)));
    }

    static Backend deadBackend() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new Backend("dead", "127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : started.reversed()) {
            closeable.close();
        }
    }
}
