package dev.coderunner.router;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/** The end of a pooled connection to an instance: hands what the instance sends to the current exchange. */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    /** The exchange using this connection, or null while it sits in the pool. */
    Exchange exchange;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange current = exchange;
        if (current == null) {
            ReferenceCountUtil.release(msg); // nothing asked: an instance talking out of turn
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            current.responseHead(response);
        }
        if (msg instanceof HttpContent content) {
            current.responseContent(content);
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.flushToClient();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            current.upstreamWritabilityChanged();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && exchange == null) {
            ctx.close(); // idle in the pool too long; a slow response in progress is not idleness
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        exchange = null;
        if (current != null) {
            current.upstreamClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // channelInactive tells the exchange
    }
}
