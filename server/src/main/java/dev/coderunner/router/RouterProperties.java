package dev.coderunner.router;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HTTP router ({@code coderunner.router.*}, or {@code CODERUNNER_ROUTER_*} env vars).
 *
 * @param port                     listening port; 0 picks a free one (tests)
 * @param connectTimeout           how long to wait for a TCP connection to an instance before trying the next
 * @param responseTimeout          how long an instance may take to send its response headers (then 504)
 * @param maxConnectionsPerBackend pooled connections kept per instance, split evenly between the event loops
 *                                 (each loop has its own pool); excess requests wait in a bounded queue
 * @param pendingAcquireMaxCount   requests allowed to wait for a pooled connection per instance, split like
 *                                 the connections (then 503)
 * @param poolMaxIdleTime          idle pooled connections are closed after this, below the 5 s keep-alive of Node
 * @param clientIdleTimeout        idle keep-alive connections from browsers are closed after this
 * @param eventLoopThreads         Netty event loops shared by server and client; 0 = one per core but one (at least one)
 * @param retryAfter               {@code Retry-After} sent with 503 when an environment has no instance
 */
@ConfigurationProperties("coderunner.router")
public record RouterProperties(
        @DefaultValue("8800") int port,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration responseTimeout,
        @DefaultValue("256") int maxConnectionsPerBackend,
        @DefaultValue("1024") int pendingAcquireMaxCount,
        @DefaultValue("4s") Duration poolMaxIdleTime,
        @DefaultValue("75s") Duration clientIdleTimeout,
        @DefaultValue("0") int eventLoopThreads,
        @DefaultValue("5s") Duration retryAfter) {

    public RouterProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("coderunner.router.port must be 0..65535, was " + port);
        }
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("response-timeout", responseTimeout);
        requirePositive("pool-max-idle-time", poolMaxIdleTime);
        requirePositive("client-idle-timeout", clientIdleTimeout);
        requirePositive("retry-after", retryAfter);
        if (maxConnectionsPerBackend < 1) {
            throw new IllegalArgumentException(
                    "coderunner.router.max-connections-per-backend must be >= 1, was " + maxConnectionsPerBackend);
        }
        if (pendingAcquireMaxCount < 1) {
            throw new IllegalArgumentException(
                    "coderunner.router.pending-acquire-max-count must be >= 1, was " + pendingAcquireMaxCount);
        }
        if (eventLoopThreads < 0) {
            throw new IllegalArgumentException(
                    "coderunner.router.event-loop-threads must be >= 0, was " + eventLoopThreads);
        }
    }

    /** The defaults, with another port: for tests and the standalone launcher. */
    public static RouterProperties defaults(int port) {
        return new RouterProperties(port, Duration.ofSeconds(5), Duration.ofSeconds(60), 256, 1024,
                Duration.ofSeconds(4), Duration.ofSeconds(75), 0, Duration.ofSeconds(5));
    }

    /** A copy with other timeouts: tests shorten them. */
    public RouterProperties withTimeouts(Duration connect, Duration response) {
        return new RouterProperties(port, connect, response, maxConnectionsPerBackend, pendingAcquireMaxCount,
                poolMaxIdleTime, clientIdleTimeout, eventLoopThreads, retryAfter);
    }

    int eventLoopThreadsOrDefault() {
        // One core is left to the apps and the control plane, which share the machine with the router: on 2 cores
        // one loop added 3.2–3.8 ms to p99 where two added 4.7 (benchmarks/RESULTS.md, 2026-12-02).
        return eventLoopThreads > 0 ? eventLoopThreads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("coderunner.router." + name + " must be positive, was " + value);
        }
    }
}
