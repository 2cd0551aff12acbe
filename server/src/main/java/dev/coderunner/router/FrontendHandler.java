package dev.coderunner.router;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * One browser (or client) connection: its requests are handled one at a time, each by an
 * {@link Exchange}. A request that arrives while the previous answer is still on its way
 * (pipelining) waits its turn, and the connection stops reading meanwhile.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final long LINGER_SECONDS = 2;

    private final Proxy proxy;
    private final ArrayDeque<Object> queued = new ArrayDeque<>(2);
    private Channel client;
    private UpstreamPool pool;
    private Exchange current;
    /** Closing: the answer is out, what the client still sends is read and dropped (see lingerThenClose). */
    private boolean closing;

    FrontendHandler(Proxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        pool = proxy.pool(client.eventLoop());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!queued.isEmpty() || (current != null && (current.requestComplete() || msg instanceof HttpRequest))) {
            queued.add(msg); // the next request; its turn comes when the current answer is done
            updateRead();
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            current = new Exchange(proxy, pool, this, client, request);
            current.start();
        } else if (msg instanceof HttpContent content && current != null) {
            current.requestContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
        updateRead();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.flushToUpstream();
        }
    }

    /** Called by the exchange when its answer is complete (or failed). */
    void exchangeDone(Exchange exchange, boolean keepAlive) {
        if (exchange != current) {
            return;
        }
        current = null;
        if (!keepAlive) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
            lingerThenClose();
            return;
        }
        while (!queued.isEmpty() && (current == null || !current.requestComplete())) {
            dispatch(queued.poll());
        }
        updateRead();
    }

    /**
     * Ends the connection without losing the answer: closing a socket that still has unread input
     * makes the kernel send a reset, which can destroy the answer before the client read it (an
     * error page for a too-large request, say). So: send everything, shut down the sending side,
     * read and drop what the client still sends, and close when it does, or after a short wait.
     */
    private void lingerThenClose() {
        closing = true;
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (!f.isSuccess() || !(client instanceof SocketChannel socket)) {
                client.close();
                return;
            }
            socket.shutdownOutput().addListener(done -> {
                client.config().setAutoRead(true);
                client.eventLoop().schedule(() -> client.close(), LINGER_SECONDS, TimeUnit.SECONDS);
            });
        });
    }

    /** Reads when idle (the next request) or when the current request's body can go upstream. */
    void updateRead() {
        if (closing) {
            return;
        }
        boolean read = current == null ? queued.isEmpty() : current.wantsRequestBody();
        if (client.config().isAutoRead() != read) {
            client.config().setAutoRead(read);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && current == null) {
            ctx.close(); // a keep-alive connection left idle
        } else {
            ReferenceCountUtil.release(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
        if (current != null) {
            current.clientClosed();
            current = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset by the client, mostly; channelInactive cleans up
    }
}
