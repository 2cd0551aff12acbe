package dev.coderunner.router;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One request and its answer: pick an instance, borrow a pooled connection on this event loop,
 * send the request head and stream the body, then stream the response back. Everything runs on
 * the client connection's event loop (the upstream connection lives there too), so no field needs
 * a lock. Failures before the answer started become the router's own error pages; after that, the
 * only honest signal left is to cut the connection.
 */
final class Exchange {

    /** Request body held while the upstream connection is being made; past this, reading pauses. */
    private static final int MAX_WAITING_BYTES = 64 * 1024;

    private final Proxy proxy;
    private final UpstreamPool pool;
    private final FrontendHandler front;
    private final Channel client;
    private final HttpRequest request;
    private final long start = System.nanoTime();
    private final boolean clientHttp10;
    private boolean clientKeepAlive;

    private String requestId;
    private RouteMeters meters;
    private List<Backend> backends;
    private int index;
    private int attempt;
    private Backend backend;
    private boolean acquired;
    private Channel upstream;
    private UpstreamHandler upstreamHandler;
    private ArrayDeque<HttpContent> waitingBody;
    private int waitingBytes;
    private boolean bodySent;
    private boolean upgrade;
    private boolean upstreamKeepAlive;
    private boolean informational;
    private ScheduledFuture<?> timeout;

    private boolean requestComplete;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean done;
    private int status;

    Exchange(Proxy proxy, UpstreamPool pool, FrontendHandler front, Channel client, HttpRequest request) {
        this.proxy = proxy;
        this.pool = pool;
        this.front = front;
        this.client = client;
        this.request = request;
        this.clientHttp10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /**
     * Whether reading from the client may go on. A finished request leaves the decision to the
     * connection (what follows is the next request, queued); a body goes on while it has somewhere
     * to go: an upstream that keeps up, or, before the upstream is connected, a small buffer. Not
     * switching reading off and on for every plain GET saves two epoll changes per request.
     */
    boolean wantsMoreInput() {
        if (requestComplete || done) {
            return true;
        }
        return upstream == null ? waitingBytes < MAX_WAITING_BYTES : upstream.isWritable();
    }

    void start() {
        requestComplete = request instanceof LastHttpContent;
        if (request.decoderResult().isFailure()) {
            badRequest(request.decoderResult().cause());
            return;
        }
        requestId = ForwardedHeaders.requestId(request.headers());
        String host = request.headers().get(HttpHeaderNames.HOST);
        RouteTable.Route route = proxy.routes.lookup(host);
        if (route == null) {
            meters = proxy.balancer.unknownHost();
            begin();
            answer(HttpResponseStatus.NOT_FOUND, "No such app",
                    "There is no app named " + appName(host) + " on this CodeRunner.", false);
            return;
        }
        Balancer.RouteState state = proxy.balancer.state(route.app(), route.env());
        meters = state.meters();
        begin();
        backends = route.backends();
        if (backends.isEmpty()) {
            answer(HttpResponseStatus.SERVICE_UNAVAILABLE, "App not running",
                    route.app() + " (" + route.env() + ") has no running instance right now. Try again shortly.", true);
            return;
        }
        upgrade = isWebSocketUpgrade(request.headers());
        prepareUpstreamHead(host);
        index = Balancer.next(state, backends);
        connect();
    }

    private void begin() {
        meters.started();
        proxy.active.incrementAndGet();
    }

    /** The client's request, rewritten in place for the instance: it is sent once, or again on failover. */
    private void prepareUpstreamHead(String host) {
        HttpHeaders headers = request.headers();
        boolean body = hasBody(headers);
        ForwardedHeaders.dropHopByHop(headers);
        if (upgrade) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            headers.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        } else if (body && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        headers.remove(HttpHeaderNames.EXPECT); // answered by the router itself
        ForwardedHeaders.addForwarded(client, host, headers, requestId);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    private void connect() {
        backend = backends.get(index);
        proxy.balancer.acquire(backend);
        acquired = true;
        Future<Channel> connection = pool.acquire(backend);
        if (connection.isDone()) {
            connected(connection);
        } else {
            connection.addListener(f -> connected(connection));
        }
    }

    private void connected(Future<Channel> connection) {
        if (done) {
            if (connection.isSuccess()) {
                pool.release(backend, connection.getNow()); // the client left meanwhile; the connection is unused
            }
            return;
        }
        if (!connection.isSuccess()) {
            releaseBackend();
            Throwable cause = connection.cause();
            if (cause instanceof ConnectException && attempt == 0 && backends.size() > 1 && isIdempotent()) {
                // Nothing reached the instance, so the next one may safely get the request.
                attempt++;
                index = (index + 1) % backends.size();
                connect();
            } else if (cause instanceof UpstreamPool.PoolFullException) {
                answer(HttpResponseStatus.SERVICE_UNAVAILABLE, "App busy",
                        "The app has too many requests waiting. Try again shortly.", true);
            } else {
                unreachable();
            }
            return;
        }
        upstream = connection.getNow();
        upstreamHandler = upstream.pipeline().get(UpstreamHandler.class);
        upstreamHandler.exchange = this;
        upstream.write(request, upstream.voidPromise());
        if (waitingBody != null) {
            HttpContent content;
            while ((content = waitingBody.poll()) != null) {
                upstream.write(content, upstream.voidPromise());
            }
            waitingBody = null;
        }
        upstream.flush();
        if (requestComplete) {
            startTimeout();
        }
        front.updateRead();
    }

    void requestContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (content.decoderResult().isFailure()) {
            content.release();
            badRequest(content.decoderResult().cause());
            return;
        }
        if (last) {
            requestComplete = true;
        }
        if (done || responseComplete || backend == null) {
            content.release(); // an answer was already given; the rest of the body is not needed
            if (last) {
                maybeFinish();
            }
            return;
        }
        int bytes = content.content().readableBytes();
        if (bytes > 0) {
            meters.bytesIn(bytes);
            bodySent = true;
        }
        if (upstream == null) {
            if (waitingBody == null) {
                waitingBody = new ArrayDeque<>(4);
            }
            waitingBody.add(content);
            waitingBytes += bytes;
            return;
        }
        upstream.write(content, upstream.voidPromise());
        if (last) {
            upstream.flush();
            startTimeout();
        }
    }

    void flushToUpstream() {
        if (upstream != null && !done) {
            upstream.flush();
        }
    }

    void flushToClient() {
        client.flush();
    }

    void responseHead(HttpResponse response) {
        int code = response.status().code();
        if (code < 200 && code != 101) {
            informational = true; // 100/102/103: this router answers Expect itself and passes no hints
            return;
        }
        if (code == 101 && upgrade) {
            switchToRelay(response);
            return;
        }
        cancelTimeout();
        status = code;
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        HttpHeaders headers = response.headers();
        ForwardedHeaders.dropHopByHop(headers);
        boolean bodyless = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
        if (!bodyless && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (clientHttp10) {
                clientKeepAlive = false; // an HTTP/1.0 client learns the end by the connection closing
            } else {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        if (!headers.contains(ForwardedHeaders.X_REQUEST_ID)) {
            headers.set(ForwardedHeaders.X_REQUEST_ID, requestId);
        }
        keepAliveHeader(headers);
        response.setProtocolVersion(clientHttp10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
        responseStarted = true;
        client.write(response, client.voidPromise());
    }

    void responseContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (informational || done) {
            content.release();
            if (last) {
                informational = false;
            }
            return;
        }
        int bytes = content.content().readableBytes();
        if (bytes > 0) {
            meters.bytesOut(bytes);
        }
        if (!last) {
            client.write(content, client.voidPromise());
            if (!client.isWritable()) {
                upstream.config().setAutoRead(false); // resumes when the client drained (FrontendHandler)
            }
            return;
        }
        client.writeAndFlush(content, client.voidPromise());
        responseComplete = true;
        giveBackUpstream(upstreamKeepAlive && requestComplete);
        maybeFinish();
    }

    void clientWritabilityChanged() {
        if (client.isWritable() && upstream != null && !done) {
            upstream.config().setAutoRead(true);
        }
    }

    void upstreamWritabilityChanged() {
        front.updateRead();
    }

    /** The instance closed the connection before the answer was complete. */
    void upstreamClosed() {
        if (done || responseComplete) {
            return;
        }
        upstream = null;
        upstreamHandler = null;
        if (!responseStarted) {
            if (attempt == 0 && !bodySent && isIdempotent() && requestComplete) {
                // Mostly a pooled connection the instance closed as it was reused: nothing was
                // answered and nothing but the head went out, so one more try is safe.
                releaseBackend();
                attempt++;
                connect();
                return;
            }
            unreachable();
            return;
        }
        clientKeepAlive = false; // the answer broke off: cut the client's too, so it knows
        finish(false);
    }

    void clientClosed() {
        if (done) {
            return;
        }
        if (!responseStarted) {
            status = 499; // nginx's "client closed request"
        }
        if (upstream != null) {
            upstreamHandler.exchange = null;
            upstream.close(); // mid-request: the connection cannot be reused
            upstream = null;
        }
        finish(false);
    }

    private void timedOut() {
        if (done || responseStarted) {
            return;
        }
        giveBackUpstream(false);
        answer(HttpResponseStatus.GATEWAY_TIMEOUT, "App too slow", "The app did not answer in time.", false);
    }

    private void unreachable() {
        if (upgrade) {
            answer(HttpResponseStatus.BAD_GATEWAY, "App not reachable",
                    "The app refused or failed the WebSocket handshake.", false);
        } else {
            answer(HttpResponseStatus.BAD_GATEWAY, "App not reachable",
                    "The app could not be reached or closed the connection early.", false);
        }
    }

    private void badRequest(Throwable cause) {
        HttpResponseStatus code = cause instanceof TooLongHttpHeaderException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        if (requestId == null) {
            requestId = ForwardedHeaders.newRequestId();
        }
        if (meters == null) {
            meters = proxy.balancer.unknownHost();
            begin();
        }
        clientKeepAlive = false; // the stream cannot be trusted past a malformed message
        requestComplete = true;
        if (responseStarted) {
            finish(false);
            return;
        }
        answer(code, "Bad request", "The router could not read this request.", false);
    }

    /**
     * The router's own answer. A request body still coming is not read: the connection closes. Without a body the
     * connection stays open, so a browser that met a 404 or a 503 goes on using it.
     */
    private void answer(HttpResponseStatus code, String title, String detail, boolean retryAfter) {
        if (responseStarted) {
            clientKeepAlive = false;
            finish(false);
            return;
        }
        cancelTimeout();
        status = code.code();
        var response = ErrorPages.response(request, code, title, detail, requestId);
        if (retryAfter) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, proxy.retryAfterSeconds);
        }
        if (!requestComplete && hasBody(request.headers())) {
            clientKeepAlive = false; // the body still coming is not read
        }
        keepAliveHeader(response.headers());
        response.setProtocolVersion(clientHttp10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
        responseStarted = true;
        responseComplete = true;
        client.writeAndFlush(response, client.voidPromise());
        maybeFinish();
    }

    private void keepAliveHeader(HttpHeaders headers) {
        if (!clientKeepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientHttp10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    private void maybeFinish() {
        if (done || !responseComplete) {
            return;
        }
        if (!requestComplete && clientKeepAlive && !hasBody(request.headers())) {
            return; // a request without a body: its end follows at once, and the connection stays usable
        }
        // An answer that came before the whole request body did leaves the stream unusable.
        finish(clientKeepAlive && requestComplete);
    }

    private void finish(boolean keepAlive) {
        if (done) {
            return;
        }
        done = true;
        cancelTimeout();
        if (waitingBody != null) {
            waitingBody.forEach(HttpContent::release);
            waitingBody = null;
        }
        if (upstream != null) {
            giveBackUpstream(false);
        }
        releaseBackend();
        if (meters != null) {
            meters.finished(status == 0 ? 502 : status, start);
            proxy.active.decrementAndGet();
        }
        front.exchangeDone(this, keepAlive);
    }

    /** Back to the pool when it is clean and reusable; closed otherwise. */
    private void giveBackUpstream(boolean reusable) {
        Channel connection = upstream;
        if (connection == null) {
            return;
        }
        upstream = null;
        upstreamHandler.exchange = null;
        upstreamHandler = null;
        if (reusable) {
            connection.config().setAutoRead(true);
            pool.release(backend, connection);
        } else {
            connection.close();
        }
    }

    private void releaseBackend() {
        if (acquired) {
            acquired = false;
            proxy.balancer.release(backend);
        }
    }

    /**
     * The instance agreed to a WebSocket: pass its 101 on, then take both HTTP codecs out so the
     * two connections are joined byte for byte until either closes.
     */
    private void switchToRelay(HttpResponse response) {
        cancelTimeout();
        status = 101;
        responseStarted = true;
        responseComplete = true;
        done = true;
        Channel up = upstream;
        upstreamHandler.exchange = null;
        upstream = null;
        client.writeAndFlush(response); // encoded now, on this thread, before the codec goes
        ChannelPipeline clientPipeline = client.pipeline();
        clientPipeline.replace(FrontendHandler.class, "relay", new Relay(up));
        clientPipeline.remove(IdleStateHandler.class);
        if (clientPipeline.get(HttpServerExpectContinueHandler.class) != null) {
            clientPipeline.remove(HttpServerExpectContinueHandler.class);
        }
        clientPipeline.remove(HttpServerCodec.class);
        ChannelPipeline upstreamPipeline = up.pipeline();
        upstreamPipeline.replace(UpstreamHandler.class, "relay", new Relay(client));
        upstreamPipeline.remove(IdleStateHandler.class);
        upstreamPipeline.remove(HttpClientCodec.class);
        // The pair is in flight until it closes: draining waits for it, as for a long response.
        client.closeFuture().addListener(f -> {
            up.close();
            releaseBackend();
            meters.finished(101, start);
            proxy.active.decrementAndGet();
        });
        client.config().setAutoRead(true);
        up.config().setAutoRead(true);
    }

    private void startTimeout() {
        if (timeout == null && !responseStarted) {
            timeout = client.eventLoop().schedule(this::timedOut,
                    proxy.properties.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private boolean isIdempotent() {
        HttpMethod method = request.method();
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE || method == HttpMethod.TRACE;
    }

    /** Skips a body stream for requests that declare none, so GETs go out as plain GETs. */
    private static boolean hasBody(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return true;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && !length.equals("0");
    }

    /** Netty only marks a request as WebSocket once upgraded, so the handshake headers are read here. */
    private static boolean isWebSocketUpgrade(HttpHeaders headers) {
        String upgrade = headers.get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
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
