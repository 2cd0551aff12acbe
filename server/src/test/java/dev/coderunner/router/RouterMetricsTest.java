package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

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
            assertThat(stats("shop", "staging").byStatusClass()).containsExactly(0, 2, 0, 0, 0);
            assertThat(stats("shop", "production").byStatusClass()).containsExactly(0, 0, 0, 0, 1);
            assertThat(stats(Balancer.UNKNOWN, Balancer.UNKNOWN).byStatusClass()).containsExactly(0, 0, 0, 1, 0);
        });
        RouteStats staging = stats("shop", "staging");
        assertThat(Arrays.stream(staging.latencyBuckets()).sum()).isEqualTo(2);
        assertThat(staging.latencyBuckets()).hasSize(RouteStats.LATENCY_BOUNDS_SECONDS.length + 1);
        assertThat(staging.latencySumNanos()).isPositive();
        assertThat(staging.bytesOut()).isEqualTo(2 * "web.1".length());
        assertThat(staging.inFlight()).isZero();
    }

    @Test
    void aLatencyLandsInTheFirstBucketWhoseBoundIsNotBelowIt() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(500_000); // 0.5 ms
        histogram.record(1_000_000); // exactly 1 ms: le="0.001"
        histogram.record(40_000_000); // 40 ms: le="0.05"
        histogram.record(Duration.ofMinutes(5).toNanos()); // above the highest bound
        long[] counts = histogram.counts();
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[indexOf(0.05)]).isEqualTo(1);
        assertThat(counts[counts.length - 1]).isEqualTo(1);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(4);
    }

    private static int indexOf(double bound) {
        for (int i = 0; i < RouteStats.LATENCY_BOUNDS_SECONDS.length; i++) {
            if (RouteStats.LATENCY_BOUNDS_SECONDS[i] == bound) {
                return i;
            }
        }
        throw new AssertionError("no bound " + bound);
    }

    private RouteStats stats(String app, String env) {
        return router.stats().stream().filter(s -> s.app().equals(app) && s.env().equals(env)).findFirst()
                .orElseThrow(() -> new AssertionError("no stats for " + app + "/" + env));
    }
}
