package dev.coderunner.router;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The keep-alive connections of one event loop to the instances, like an nginx worker's upstream
 * pool. Only its own loop touches it, so it needs no locks, and a request and its upstream
 * connection never change threads. Connections per instance and waiting requests are bounded; a
 * connection idle longer than {@code poolMaxIdleTime} is closed (below Node's 5 s keep-alive, so
 * the pool rarely reuses a connection the instance is about to close).
 */
final class UpstreamPool {

    /** The pool has no connection to give and no room for another waiter. */
    static final class PoolFullException extends Exception {
        PoolFullException(String message) {
            super(message, null, false, false);
        }
    }

    /** Per instance: idle connections, how many are open in all, and requests waiting for one. */
    private static final class Slot {
        final ArrayDeque<Channel> idle = new ArrayDeque<>();
        final ArrayDeque<Promise<Channel>> waiters = new ArrayDeque<>();
        int open;
    }

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final int maxConnections;
    private final int maxWaiters;
    private final long waitMillis;
    private final Map<Backend, Slot> slots = new HashMap<>();

    UpstreamPool(EventLoop loop, RouterProperties properties, Class<? extends Channel> channelType) {
        this.loop = loop;
        int loops = properties.eventLoopThreadsOrDefault();
        this.maxConnections = share(properties.maxConnectionsPerBackend(), loops);
        this.maxWaiters = share(properties.pendingAcquireMaxCount(), loops);
        this.waitMillis = properties.responseTimeout().toMillis();
        long idleMillis = properties.poolMaxIdleTime().toMillis();
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(4096, 16 * 1024, 16 * 1024),
                                new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS),
                                new UpstreamHandler());
                    }
                });
    }

    /** A connection to the instance: an idle one, a new one, or one freed later (bounded wait). */
    Future<Channel> acquire(Backend backend) {
        Slot slot = slots.computeIfAbsent(backend, b -> new Slot());
        Channel idle;
        while ((idle = slot.idle.pollLast()) != null) { // the warmest first, so idle ones age out
            if (idle.isActive()) {
                return loop.newSucceededFuture(idle);
            }
        }
        if (slot.open < maxConnections) {
            return connect(backend, slot);
        }
        if (slot.waiters.size() >= maxWaiters) {
            return loop.newFailedFuture(new PoolFullException("too many requests waiting for " + backend));
        }
        Promise<Channel> waiter = loop.newPromise();
        slot.waiters.add(waiter);
        loop.schedule(() -> {
            if (slot.waiters.remove(waiter)) {
                waiter.tryFailure(new PoolFullException("no connection to " + backend + " became free in time"));
            }
        }, waitMillis, TimeUnit.MILLISECONDS);
        return waiter;
    }

    /** Gives a connection that finished its exchange cleanly to a waiter, or keeps it for the next. */
    void release(Backend backend, Channel channel) {
        Slot slot = slots.get(backend);
        if (slot == null || !channel.isActive()) {
            channel.close();
            return;
        }
        Promise<Channel> waiter;
        while ((waiter = slot.waiters.poll()) != null) {
            if (waiter.trySuccess(channel)) {
                return;
            }
        }
        slot.idle.addLast(channel);
    }

    private Future<Channel> connect(Backend backend, Slot slot) {
        slot.open++;
        Promise<Channel> promise = loop.newPromise();
        ChannelFuture connecting = bootstrap.connect(backend.host(), backend.port());
        connecting.channel().closeFuture().addListener(f -> closed(backend, slot, connecting.channel()));
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                promise.trySuccess(connecting.channel());
            } else {
                promise.tryFailure(f.cause());
            }
        });
        return promise;
    }

    private void closed(Backend backend, Slot slot, Channel channel) {
        slot.open--;
        slot.idle.remove(channel);
        if (slot.open == 0 && slot.waiters.isEmpty()) {
            slots.remove(backend, slot); // instances come and go: leave nothing behind
        } else if (!slot.waiters.isEmpty() && slot.open < maxConnections) {
            // A waiter would otherwise sit out its whole timeout although there is room now.
            Promise<Channel> waiter = slot.waiters.poll();
            connect(backend, slot).addListener(f -> {
                if (f.isSuccess()) {
                    if (!waiter.trySuccess((Channel) f.getNow())) {
                        release(backend, (Channel) f.getNow());
                    }
                } else {
                    waiter.tryFailure(f.cause());
                }
            });
        }
    }

    private static int share(int total, int loops) {
        return Math.max(1, (total + loops - 1) / loops);
    }
}
