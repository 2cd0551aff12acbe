package dev.coderunner.router;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/** What every connection of the router shares: routes, balancing, settings and each loop's pool. */
final class Proxy {

    final RouteTable routes;
    final Balancer balancer;
    final RouterProperties properties;
    final String retryAfterSeconds;
    /** Exchanges between request received and response finished, for a graceful stop. */
    final AtomicInteger active = new AtomicInteger();
    private final Class<? extends Channel> channelType;
    private final Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();

    Proxy(RouteTable routes, Balancer balancer, RouterProperties properties, Class<? extends Channel> channelType) {
        this.routes = routes;
        this.balancer = balancer;
        this.properties = properties;
        this.channelType = channelType;
        this.retryAfterSeconds = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    /** The pool of the given event loop; a connection looks it up once. */
    UpstreamPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new UpstreamPool(l, properties, channelType));
    }
}
