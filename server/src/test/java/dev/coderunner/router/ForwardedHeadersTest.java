package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest extends RouterFixture {

    @BeforeEach
    void route() {
        routes.update("shop", "production", List.of(upstream("web.1").backend()));
        startRouter();
    }

    @Test
    void tellsTheInstanceWhoCalledThroughForwardedHeaders() {
        RouterFixture.Reply reply = get("shop.localhost:8800", "/headers", h -> h.set("x-forwarded-for", "10.0.0.9"));

        assertThat(reply.body()).contains("host: shop.localhost:8800\n", "x-forwarded-for: 10.0.0.9, 127.0.0.1\n",
                "x-forwarded-proto: http\n", "x-forwarded-host: shop.localhost:8800\n",
                "x-forwarded-port: " + router.port() + "\n");
        assertThat(reply.body()).containsPattern("x-request-id: [0-9a-f]{32}\n");
        assertThat(reply.headers().get("x-request-id")).matches("[0-9a-f]{32}");
    }

    @Test
    void keepsAnIncomingRequestId() {
        RouterFixture.Reply reply = get("shop.localhost", "/headers", h -> h.set("x-request-id", "trace-42"));

        assertThat(reply.body()).contains("x-request-id: trace-42\n");
        assertThat(reply.headers().get("x-request-id")).isEqualTo("trace-42");
    }

    @Test
    void dropsHopByHopHeaders() {
        RouterFixture.Reply reply = get("shop.localhost", "/headers", h -> h
                .set("connection", "keep-alive, x-hop-secret").set("x-hop-secret", "1")
                .set("proxy-authorization", "Basic Zm9vOmJhcg==").set("te", "trailers").set("x-end-to-end", "yes"));

        assertThat(reply.body()).contains("x-end-to-end: yes")
                .doesNotContain("x-hop-secret", "proxy-authorization", "te: trailers");
    }
}
