package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

class RouterMetricsTest extends RouterFixture {

    @Test
    void countsRequestsLatencyAndBytesPerAppEnvAndStatusClass() {
        routes.update("shop", "staging", List.of(upstream("web.1").backend()));
        routes.update("shop", "production", List.of());
        startRouter();

        get("shop-staging.localhost", "/whoami");
        get("shop-staging.localhost", "/whoami");
        get("shop.localhost", "/whoami");
        get("ghost.localhost", "/");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(requests("shop", "staging", "2xx")).isEqualTo(2);
            assertThat(requests("shop", "production", "5xx")).isEqualTo(1);
            assertThat(requests(Balancer.UNKNOWN, Balancer.UNKNOWN, "4xx")).isEqualTo(1);
        });
        Timer latency = registry.get(RouteMeters.DURATION).tags("app", "shop", "env", "staging").timer();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(registry.get(RouteMeters.BYTES_OUT).tags("app", "shop", "env", "staging").counter().count())
                .isEqualTo(2 * "web.1".length());
        assertThat(registry.get(RouteMeters.IN_FLIGHT).tags("app", "shop", "env", "staging").gauge().value())
                .isZero();
    }

    private double requests(String app, String env, String status) {
        Counter counter = registry.find(RouteMeters.REQUESTS).tags("app", app, "env", env, "status", status).counter();
        return counter == null ? 0 : counter.count();
    }
}
