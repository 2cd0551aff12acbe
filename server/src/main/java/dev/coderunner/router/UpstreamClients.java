package dev.coderunner.router;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * One pooled client per event loop, like nginx's per-worker keep-alive pools. A request handled on
 * loop K only borrows connections that loop K opened (the loops are colocated, so a new connection
 * lands on the calling loop), so a proxied request never hops between threads: no cross-thread
 * task, no wake-up, which under CPU contention cost more than everything else on the request path.
 * Pool limits are split evenly between the loops.
 */
final class UpstreamClients {

    private final LoopResources loops;
    private final RouterProperties properties;
    private final int loopCount;
    private final List<ConnectionProvider> pools = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<HttpClient> perLoop = new FastThreadLocal<>() {
        @Override
        protected HttpClient initialValue() {
            return newClient();
        }
    };

    UpstreamClients(LoopResources loops, RouterProperties properties) {
        this.loops = loops;
        this.properties = properties;
        this.loopCount = properties.eventLoopThreadsOrDefault();
    }

    private volatile HttpClient offLoop;

    /**
     * The client of the calling event loop (created on first use). Any other thread gets one shared
     * client, so a stray caller cannot leave a pool behind per thread.
     */
    HttpClient current() {
        if (FastThreadLocalThread.currentThreadHasFastThreadLocal()) {
            return perLoop.get();
        }
        HttpClient shared = offLoop;
        if (shared == null) {
            synchronized (this) {
                if (offLoop == null) {
                    offLoop = newClient();
                }
                shared = offLoop;
            }
        }
        return shared;
    }

    Mono<Void> disposeLater() {
        return Flux.fromIterable(pools).flatMap(ConnectionProvider::disposeLater).then();
    }

    private HttpClient newClient() {
        ConnectionProvider pool = ConnectionProvider.builder("router-" + pools.size())
                .maxConnections(share(properties.maxConnectionsPerBackend()))
                .pendingAcquireMaxCount(share(properties.pendingAcquireMaxCount()))
                .pendingAcquireTimeout(properties.responseTimeout())
                .maxIdleTime(properties.poolMaxIdleTime())
                .evictInBackground(properties.poolMaxIdleTime())
                .lifo() // the warmest connections first, so idle ones really age out
                .build();
        pools.add(pool);
        return HttpClient.create(pool)
                .runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true) // not a client default; Nagle costs ~40 ms per request
                .responseTimeout(properties.responseTimeout())
                .compress(false)
                .followRedirect(false);
    }

    private int share(int total) {
        return Math.max(1, (total + loopCount - 1) / loopCount);
    }

}
