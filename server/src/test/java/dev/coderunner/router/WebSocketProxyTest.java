package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

class WebSocketProxyTest extends RouterFixture {

    @Test
    void echoesFramesBothWaysThroughTheRouter() {
        routes.update("shop", "production", List.of(upstream("web.1").backend()));
        startRouter();

        List<String> echoed = HttpClient.create()
                .headers(h -> h.set(HttpHeaderNames.HOST, "shop.localhost"))
                .websocket().uri("ws://127.0.0.1:" + router.port() + "/ws")
                .handle((in, out) -> out.sendString(Flux.just("one", "two", "three").delayElements(Duration.ofMillis(50)))
                        .then().thenMany(in.receive().asString().take(3)))
                .collectList().block(Duration.ofSeconds(10));

        assertThat(echoed).containsExactly("one", "two", "three");
    }

    @Test
    void refusedHandshakeGets502() {
        routes.update("shop", "production", List.of(deadBackend()));
        startRouter();

        RouterFixture.Reply reply = get("shop.localhost", "/ws", h -> h.set("upgrade", "websocket")
                .set("connection", "upgrade").set("sec-websocket-version", "13")
                .set("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="));

        assertThat(reply.status()).isEqualTo(502);
    }
}
