package dev.coderunner.router;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the router alone, without the control plane, with fixed routes: for benchmarks and manual
 * tests. Usage: {@code StandaloneRouter <port> <app>=<host>:<port>...}; the route serves
 * {@code <app>.localhost}. The event loop count comes from {@code -Dcoderunner.router.event-loop-threads}.
 */
public final class StandaloneRouter {

    private StandaloneRouter() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: StandaloneRouter <port> <app>=<host>:<port>...");
            System.exit(2);
        }
        RouteTable routes = new RouteTable("localhost");
        for (int i = 1; i < args.length; i++) {
            String[] appAndTarget = args[i].split("=", 2);
            int colon = appAndTarget[1].lastIndexOf(':');
            Backend backend = new Backend(appAndTarget[0] + ".1", appAndTarget[1].substring(0, colon),
                    Integer.parseInt(appAndTarget[1].substring(colon + 1)));
            routes.update(appAndTarget[0], "production", List.of(backend));
        }
        RouterProperties defaults = RouterProperties.defaults(Integer.parseInt(args[0]));
        RouterProperties properties = new RouterProperties(defaults.port(), defaults.connectTimeout(),
                defaults.responseTimeout(), defaults.maxConnectionsPerBackend(), defaults.pendingAcquireMaxCount(),
                defaults.poolMaxIdleTime(), defaults.clientIdleTimeout(),
                Integer.getInteger("coderunner.router.event-loop-threads", 0), defaults.retryAfter());
        // Metrics are counted on the request path as in the control plane, so benchmarks pay their real cost.
        RouterServer router = new RouterServer(routes, properties);
        router.start();
        System.out.println("router listening on " + router.port());
        Runtime.getRuntime().addShutdownHook(new Thread(router::stop));
        new CountDownLatch(1).await();
    }
}
