package dev.coderunner.router;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Passes a WebSocket through: the instance's handshake is done first, so the browser gets a real
 * error page (not a dead socket) when the instance refuses; then frames flow both ways untouched
 * until either side closes.
 */
final class WebSocketProxy {

    private final UpstreamClients clients;
    private final Balancer balancer;
    private final int maxFrame;

    WebSocketProxy(UpstreamClients clients, Balancer balancer, int maxFrame) {
        this.clients = clients;
        this.balancer = balancer;
        this.maxFrame = maxFrame;
    }

    /** Netty marks a request as WebSocket only once upgraded, so the handshake headers are read here. */
    static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.requestHeaders().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    Mono<Void> proxy(HttpServerRequest request, HttpServerResponse response, Backend backend, String requestId) {
        HttpHeaders headers = upstreamHeaders(request, requestId);
        String protocols = request.requestHeaders().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        WebsocketClientSpec.Builder clientSpec = WebsocketClientSpec.builder().maxFramePayloadLength(maxFrame);
        if (protocols != null) {
            clientSpec.protocols(protocols);
        }
        balancer.acquire(backend);
        return clients.current().headers(h -> h.set(headers))
                .websocket(clientSpec.build())
                .uri("ws://" + backend.host() + ':' + backend.port() + request.uri())
                .handle((upIn, upOut) -> {
                    WebsocketServerSpec.Builder serverSpec = WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame);
                    if (upIn.selectedSubprotocol() != null) {
                        serverSpec.protocols(upIn.selectedSubprotocol()); // the browser gets what the app chose
                    }
                    // sendWebsocket completes once upgraded; the instance's socket must live as long as the pair.
                    Sinks.Empty<Void> closed = Sinks.empty();
                    return response.sendWebsocket((in, out) -> {
                        Mono<Void> toApp = upOut.sendObject(in.receiveFrames().doOnNext(WebSocketFrame::retain))
                                .then();
                        Mono<Void> toClient = out.sendObject(upIn.receiveFrames().doOnNext(WebSocketFrame::retain))
                                .then();
                        // Whichever side ends first ends the pair; each side's close is answered by Netty.
                        return Mono.firstWithSignal(toApp, toClient).doFinally(signal -> closed.tryEmitEmpty());
                    }, serverSpec.build()).then(closed.asMono());
                })
                .then()
                .doFinally(signal -> balancer.release(backend))
                .onErrorResume(error -> response.hasSentHeaders() ? Mono.error(error)
                        : ErrorPages.send(request, response, HttpResponseStatus.BAD_GATEWAY,
                                "App not reachable", "The app refused or failed the WebSocket handshake.", requestId));
    }

    /** The handshake headers are the client library's own; the rest (cookies, auth) go through. */
    private static HttpHeaders upstreamHeaders(HttpServerRequest request, String requestId) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(request.requestHeaders());
        ForwardedHeaders.dropHopByHop(headers);
        headers.remove(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        headers.remove(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        headers.remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        headers.remove(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        ForwardedHeaders.addForwarded(request, headers, requestId);
        return headers;
    }
}
