package dev.coderunner.runtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances are kept alive ({@code coderunner.runtime.*}): stop grace and drain time, the crash
 * backoff cap, what counts as a crash loop, and how long an instance may stay unhealthy before it is
 * restarted.
 */
@ConfigurationProperties("coderunner.runtime")
public record SupervisorSettings(@DefaultValue("10s") Duration stopGrace, @DefaultValue("30s") Duration drainTimeout,
        @DefaultValue("false") boolean stopOnShutdown, @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("5") int crashLoopRestarts, @DefaultValue("5m") Duration crashLoopWindow,
        @DefaultValue("60s") Duration unhealthyRestartAfter) {
}
