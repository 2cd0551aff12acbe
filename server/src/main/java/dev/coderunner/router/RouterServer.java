package dev.coderunner.router;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The router: a Netty HTTP/1.1 proxy on {@code coderunner.router.port} that passes each request to
 * an instance chosen from the {@link RouteTable}. Client and upstream connections share one set of
 * event loops, and each loop keeps its own upstream pool, so a request and its upstream connection
 * stay on one thread, as in an nginx worker. Plain Netty handlers rather than a reactive client:
 * the proxy path is the hottest code in CodeRunner (see docs/decisions/0003-router-on-netty.md).
 */
@Component
public class RouterServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouterServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final RouteTable routes;
    private final RouterProperties properties;
    private final Balancer balancer;
    private volatile EventLoopGroup loops;
    private volatile Channel server;
    private volatile Proxy proxy;
    private volatile ChannelGroup connections;

    public RouterServer(RouteTable routes, RouterProperties properties) {
        this.routes = routes;
        this.properties = properties;
        this.balancer = new Balancer();
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerSocketChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends SocketChannel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        loops = new MultiThreadIoEventLoopGroup(properties.eventLoopThreadsOrDefault(),
                new DefaultThreadFactory("router", true), io);
        proxy = new Proxy(routes, balancer, properties, clientType);
        connections = new DefaultChannelGroup("router", GlobalEventExecutor.INSTANCE);
        long idleMillis = properties.clientIdleTimeout().toMillis();
        ChannelGroup open = connections;
        Proxy shared = proxy;
        server = new ServerBootstrap().group(loops).channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        open.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(8192, 16 * 1024, 16 * 1024),
                                new HttpServerExpectContinueHandler(),
                                new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS),
                                new FrontendHandler(shared));
                    }
                })
                .bind("0.0.0.0", properties.port()).syncUninterruptibly().channel();
        log.info("Router listening on port {} with {} event loops", port(), properties.eventLoopThreadsOrDefault());
    }

    /** Stops accepting, lets running requests finish (bounded), then closes connections and threads. */
    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.close().syncUninterruptibly();
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (proxy.active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly(SHUTDOWN_GRACE.toMillis());
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(SHUTDOWN_GRACE.toMillis());
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port actually bound (useful when configured with 0); -1 before start. */
    public int port() {
        Channel current = server;
        return current == null ? -1 : ((java.net.InetSocketAddress) current.localAddress()).getPort();
    }

    /**
     * Requests currently being proxied to this instance. The deploy pipeline removes an instance
     * from the route table, then waits for this to reach zero before stopping it.
     */
    public int inFlight(Backend backend) {
        return balancer.inFlight(backend);
    }

    /**
     * What the router counted per environment since it started (cumulative), including requests for
     * unknown hosts under app {@code _unknown}. Cheap: a copy of a few counters per environment.
     */
    public List<RouteStats> stats() {
        return balancer.stats();
    }
}
