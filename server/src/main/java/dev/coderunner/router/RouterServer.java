package dev.coderunner.router;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The router: a Reactor Netty server on {@code coderunner.router.port} that proxies each request to
 * an instance chosen from the {@link RouteTable}. Server and pooled clients share one set of event
 * loops, with one connection pool per loop, so a request and its upstream connection stay on the
 * same thread.
 */
@Component
public class RouterServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouterServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final RouteTable routes;
    private final RouterProperties properties;
    private final Balancer balancer;
    private volatile LoopResources loops;
    private volatile UpstreamClients clients;
    private volatile DisposableServer server;

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
        loops = LoopResources.create("router", 1, properties.eventLoopThreadsOrDefault(), true);
        clients = new UpstreamClients(loops, properties);
        server = HttpServer.create()
                .host("0.0.0.0")
                .port(properties.port())
                .runOn(loops)
                .idleTimeout(properties.clientIdleTimeout())
                .accessLog(false)
                .handle(new ProxyHandler(routes, balancer, clients, properties))
                .bindNow();
        log.info("Router listening on port {} with {} event loops", server.port(),
                properties.eventLoopThreadsOrDefault());
    }

    /** Lets running requests finish (bounded), then closes pooled connections and threads. */
    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.disposeNow(SHUTDOWN_GRACE);
        clients.disposeLater().block(SHUTDOWN_GRACE);
        loops.disposeLater(Duration.ZERO, SHUTDOWN_GRACE).block(SHUTDOWN_GRACE);
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port actually bound (useful when configured with 0); -1 before start. */
    public int port() {
        DisposableServer current = server;
        return current == null ? -1 : current.port();
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
