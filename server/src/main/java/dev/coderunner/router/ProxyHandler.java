package dev.coderunner.router;

import java.net.ConnectException;
import java.util.List;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The request path of the router: find the route by {@code Host}, pick an instance round-robin,
 * stream the request to it and its response back. Runs on the event loop, so nothing here blocks.
 */
final class ProxyHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

    /** Bodies up to this size are read whole before sending, to write them with the headers. */
    private static final int SMALL_BODY = 16 * 1024;

    private final RouteTable routes;
    private final Balancer balancer;
    private final UpstreamClients clients;
    private final WebSocketProxy webSockets;
    private final String retryAfterSeconds;

    ProxyHandler(RouteTable routes, Balancer balancer, UpstreamClients clients, RouterProperties properties) {
        this.routes = routes;
        this.balancer = balancer;
        this.clients = clients;
        this.webSockets = new WebSocketProxy(clients, balancer, properties.maxWebSocketFrame());
        this.retryAfterSeconds = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        String requestId = ForwardedHeaders.requestId(request.requestHeaders());
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        RouteTable.Route route = routes.lookup(host);
        if (route == null) {
            RouteMeters meters = balancer.unknownHost();
            meters.started();
            return ErrorPages.send(request, response, HttpResponseStatus.NOT_FOUND, "No such app",
                    "There is no app named " + appName(host) + " on this CodeRunner.", requestId)
                    .doFinally(signal -> meters.finished(response.status().code(), start));
        }
        Balancer.RouteState state = balancer.state(route.app(), route.env());
        RouteMeters meters = state.meters();
        meters.started();
        List<Backend> backends = route.backends();
        Mono<Void> answer;
        if (backends.isEmpty()) {
            response.header(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
            answer = ErrorPages.send(request, response, HttpResponseStatus.SERVICE_UNAVAILABLE, "App not running",
                    route.app() + " (" + route.env() + ") has no running instance right now. Try again shortly.",
                    requestId);
        } else {
            int first = Balancer.next(state, backends);
            answer = WebSocketProxy.isUpgrade(request)
                    ? webSockets.proxy(request, response, backends.get(first), requestId)
                    : forward(request, response, backends, first, 0, requestId, meters);
        }
        return answer.doFinally(signal -> meters.finished(response.status().code(), start));
    }

    private Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, List<Backend> backends,
            int index, int attempt, String requestId, RouteMeters meters) {
        Backend backend = backends.get(index);
        balancer.acquire(backend);
        return clients.current().request(request.method())
                .uri("http://" + backend.host() + ':' + backend.port() + request.uri())
                .send((upstream, out) -> {
                    upstream.headers(request.requestHeaders());
                    HttpHeaders headers = upstream.requestHeaders();
                    String host = request.requestHeaders().get(HttpHeaderNames.HOST);
                    if (host != null) {
                        headers.set(HttpHeaderNames.HOST, host);
                    }
                    ForwardedHeaders.dropHopByHop(headers);
                    ForwardedHeaders.addForwarded(request, headers, requestId);
                    if (!hasBody(request)) {
                        return out;
                    }
                    if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                        // Copying the client's headers replaced Netty's own framing; restore it.
                        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                    }
                    return out.send(request.receive().retain().doOnNext(buf -> meters.bytesIn(buf.readableBytes())));
                })
                .responseConnection((upstream, connection) -> {
                    // The response timeout bounds the wait for headers only; a stream (SSE, a long
                    // download) may then be silent for as long as the instance likes.
                    connection.removeHandler(NettyPipeline.ResponseTimeoutHandler);
                    response.status(upstream.status());
                    HttpHeaders headers = response.responseHeaders();
                    headers.set(upstream.responseHeaders());
                    ForwardedHeaders.dropHopByHop(headers);
                    if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH) && !HttpMethod.HEAD.equals(request.method())) {
                        // Netty's default framing was replaced by the copy; a body of unknown length is chunked.
                        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                    }
                    if (!headers.contains(ForwardedHeaders.X_REQUEST_ID)) {
                        headers.set(ForwardedHeaders.X_REQUEST_ID, requestId);
                    }
                    if (isSmall(upstream.responseHeaders())) {
                        // A small body of known length goes out with the headers in one write: one
                        // syscall and one packet instead of two, which is most of the cost for tiny answers.
                        return response.send(connection.inbound().receive().aggregate().retain()
                                .doOnNext(buf -> meters.bytesOut(buf.readableBytes())));
                    }
                    return response.send(connection.inbound().receive().retain()
                            .doOnNext(buf -> meters.bytesOut(buf.readableBytes())));
                })
                .then()
                .doFinally(signal -> balancer.release(backend))
                .onErrorResume(error -> {
                    if (error instanceof ConnectException && attempt == 0 && backends.size() > 1
                            && isIdempotent(request.method()) && !response.hasSentHeaders()) {
                        // Nothing reached the instance, so the next one may safely get the request.
                        return forward(request, response, backends, (index + 1) % backends.size(), 1, requestId,
                                meters);
                    }
                    return fail(request, response, backend, error, requestId);
                });
    }

    private Mono<Void> fail(HttpServerRequest request, HttpServerResponse response, Backend backend, Throwable error,
            String requestId) {
        if (response.hasSentHeaders()) {
            log.debug("Response from {} broke off after headers (request {}): {}", backend, requestId, error.toString());
            return Mono.error(error);
        }
        if (error instanceof ReadTimeoutException) {
            return ErrorPages.send(request, response, HttpResponseStatus.GATEWAY_TIMEOUT, "App too slow",
                    "The app did not answer in time.", requestId);
        }
        if (error.getClass().getSimpleName().startsWith("PoolAcquire")) {
            response.header(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
            return ErrorPages.send(request, response, HttpResponseStatus.SERVICE_UNAVAILABLE, "App busy",
                    "The app has too many requests waiting. Try again shortly.", requestId);
        }
        log.debug("Cannot reach {} (request {}): {}", backend, requestId, error.toString());
        return ErrorPages.send(request, response, HttpResponseStatus.BAD_GATEWAY, "App not reachable",
                "The app could not be reached or closed the connection early.", requestId);
    }

    /** Skips a body stream for requests that declare none, so GETs go out as plain GETs. */
    private static boolean hasBody(HttpServerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return true;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && !length.equals("0");
    }

    private static boolean isSmall(HttpHeaders upstreamHeaders) {
        String length = upstreamHeaders.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null || length.length() > 5) {
            return false;
        }
        try {
            return Integer.parseInt(length) <= SMALL_BODY;
        } catch (NumberFormatException e) {
            return false; // an odd length header: stream it and let Netty judge
        }
    }

    private static boolean isIdempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE || method == HttpMethod.TRACE;
    }

    /** The first label of the host, as the user typed it: "shop" for "shop.localhost:8800". */
    static String appName(String host) {
        if (host == null || host.isBlank()) {
            return "(no Host header)";
        }
        String name = host.strip();
        int dot = name.indexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > 0 && name.indexOf(']') < colon) {
                name = name.substring(0, colon);
            }
        }
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
