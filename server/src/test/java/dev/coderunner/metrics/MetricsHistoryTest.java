package dev.coderunner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;

import dev.coderunner.app.AppService;
import dev.coderunner.events.EventBus;
import dev.coderunner.router.RouteTable;
import dev.coderunner.router.RouterServer;
import dev.coderunner.runtime.InstanceSupervisor;
import dev.coderunner.testsupport.Api;
import dev.coderunner.testsupport.ControlPlanes;
import dev.coderunner.testsupport.MutableClock;
import dev.coderunner.testsupport.Router;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * History with an injected clock: twelve minutes of samples roll up into 1-minute, 5-minute and 30-minute ones,
 * everything is still there after a control-plane restart, a restart in the middle of a period loses none of
 * its samples, and retention prunes each resolution.
 */
class MetricsHistoryTest {

    private static final String APP = "history";

    @TempDir
    Path home;

    @Test
    void samplesRollUpSurviveARestartAndArePrunedByAge() throws Exception {
        // Twenty minutes into a 30-minute period in the past, so the twelve simulated minutes close that period
        // after ten of them, and hold two whole 5-minute periods.
        long periodStart = Math.floorDiv(Instant.now().getEpochSecond(), 1800) * 1800 - 3600;
        long start = periodStart + 1200;
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(start));
        try (ConfigurableApplicationContext first = start()) {
            api(first).post("/api/v1/apps", Map.of("name", APP));
            // Routed but with no instance (as after 'stop'): the router answers 503, and counts it.
            first.getBean(RouteTable.class).update(APP, "production", List.of());
            Router router = new Router(first.getBean(RouterServer.class).port());
            MetricsCollector collector = collector(first, clock);
            for (int i = 1; i <= 144; i++) { // 12 minutes of 5 s rounds
                clock.advance(Duration.ofSeconds(5));
                if (i % 12 == 6) {
                    // One request per minute.
                    assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(503);
                }
                assertThat(collector.collect()).isTrue();
            }
        }

        try (ConfigurableApplicationContext second = start()) {
            MetricsService metrics = service(second, clock);

            MetricsService.Series recent = metrics.series(APP, "production", MetricsRange.FIVE_MINUTES);
            // Answers carry 4 significant digits.
            assertThat(sum(recent.environment().get("requests_per_second")) * 5).isCloseTo(5, within(0.01));

            MetricsService.Series day = metrics.series(APP, "production", MetricsRange.ONE_DAY);
            assertThat(day.step()).isEqualTo(300);
            assertThat(day.epochSeconds()).hasSize(288);
            List<Double> perFiveMinutes = present(day.environment().get("requests_per_second"));
            assertThat(perFiveMinutes).hasSizeGreaterThanOrEqualTo(2).allSatisfy(v -> assertThat(v * 300).isCloseTo(5, within(0.001)));
            assertThat(present(day.environment().get("error_rate"))).allSatisfy(v -> assertThat(v).isEqualTo(1.0));

            // The 1-minute roll-ups stay reachable with an explicit step.
            MetricsService.Series dayByMinute = metrics.series(APP, "production", MetricsRange.ONE_DAY, null, 60);
            assertThat(dayByMinute.epochSeconds()).hasSize(1440);
            List<Double> perMinute = present(dayByMinute.environment().get("requests_per_second"));
            assertThat(perMinute).hasSizeGreaterThanOrEqualTo(11).allSatisfy(v -> assertThat(v * 60).isCloseTo(1, within(0.001)));

            MetricsService.Series week = metrics.series(APP, "production", MetricsRange.SEVEN_DAYS);
            assertThat(week.epochSeconds()).hasSize(336);
            int slot = (int) ((periodStart - week.epochSeconds()[0]) / 1800);
            assertThat(week.environment().get("requests_per_second")[slot] * 1800).isCloseTo(10, within(0.01));
            assertThat(week.environment().get("status_5xx_per_second")[slot] * 1800).isCloseTo(10, within(0.01));

            // Two hours later the 5 s samples are gone, the roll-ups stay.
            clock.advance(Duration.ofHours(2));
            MetricsCollector later = collector(second, clock);
            assertThat(later.collect()).isTrue();
            MetricsStore store = second.getBean(MetricsStore.class);
            assertThat(store.find(5, APP, "production", 0, Long.MAX_VALUE, true))
                    .allSatisfy(p -> assertThat(p.epochSecond()).isGreaterThan(start + 720));
            assertThat(store.find(60, APP, "production", 0, Long.MAX_VALUE, true)).hasSizeGreaterThanOrEqualTo(11);
            assertThat(store.find(300, APP, "production", 0, Long.MAX_VALUE, true)).isNotEmpty();
            assertThat(store.find(1800, APP, "production", 0, Long.MAX_VALUE, true)).isNotEmpty();

            // Eight days later nothing from then is left.
            clock.advance(Duration.ofDays(8));
            assertThat(later.collect()).isTrue();
            assertThat(store.find(60, APP, "production", 0, start + 7200, true)).isEmpty();
            assertThat(store.find(300, APP, "production", 0, start + 7200, true)).isEmpty();
            assertThat(store.find(1800, APP, "production", 0, start + 7200, true)).isEmpty();
        }
    }

    @Test
    void theRollUpOfThePeriodARestartFellInCoversTheSamplesFromBeforeIt() throws Exception {
        // A 30-minute boundary in the past, so the minute, 5-minute and 30-minute periods all begin at t0.
        long t0 = Math.floorDiv(Instant.now().getEpochSecond(), 1800) * 1800 - 3600;
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(t0));
        try (ConfigurableApplicationContext first = start()) {
            api(first).post("/api/v1/apps", Map.of("name", APP));
            sampleWithRequests(first, collector(first, clock), clock, t0, 1, 6); // t0 .. t0+25 s: 1+2+…+6 = 21 requests
        }
        try (ConfigurableApplicationContext second = start()) {
            MetricsCollector collector = collector(second, clock);
            sampleWithRequests(second, collector, clock, t0, 7, 12); // t0+30 .. t0+55 s: 57 more
            MetricsStore store = second.getBean(MetricsStore.class);
            assertThat(store.find(5, APP, "production", t0, t0 + 60, false)).hasSize(12);
            assertThat(store.find(60, APP, "production", t0, t0 + 60, false)).isEmpty(); // the minute is still open

            clock.set(Instant.ofEpochSecond(t0 + 60));
            assertThat(collector.collect()).isTrue();
            Point minute = store.find(60, APP, "production", t0, t0 + 60, false).getFirst();
            assertThat(minute.get(Field.REQUESTS)).isEqualTo(78);
            assertThat(minute.get(Field.STATUS_5XX)).isEqualTo(78);
            assertThat(minute.get(Field.INSTANCES)).isZero();
            assertThat(minute.get(Field.LATENCY_P99_MS)).isNotNaN();

            // Another restart of the collector after that minute was written: it is not written again, the longer periods
            // still have it all. (The router is not restarted: its counts so far go into the sample of t0+1800.)
            clock.set(Instant.ofEpochSecond(t0 + 1800));
            assertThat(collector(second, clock).collect()).isTrue();
            assertThat(store.find(60, APP, "production", t0, t0 + 60, false)).hasSize(1);
            for (int step : new int[] {300, 1800}) {
                assertThat(store.find(step, APP, "production", t0, t0 + step, false)).as("the %d s roll-up", step).singleElement()
                        .satisfies(p -> assertThat(p.get(Field.REQUESTS)).isEqualTo(78));
            }
        }
    }

    /** Round {@code n} (for n in {@code from..to}) at t0 + 5(n-1) s, after n requests (answered 503: no instance). */
    private static void sampleWithRequests(ConfigurableApplicationContext context, MetricsCollector collector, MutableClock clock, long t0,
            int from, int to) {
        context.getBean(RouteTable.class).update(APP, "production", List.of());
        Router router = new Router(context.getBean(RouterServer.class).port());
        for (int n = from; n <= to; n++) {
            clock.set(Instant.ofEpochSecond(t0 + (n - 1) * 5L));
            for (int i = 0; i < n; i++) {
                assertThat(router.get(APP + ".localhost", "/").status()).isEqualTo(503);
            }
            assertThat(collector.collect()).isTrue();
        }
    }

    private static double sum(Double[] values) {
        return java.util.Arrays.stream(values).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
    }

    private static List<Double> present(Double[] values) {
        return java.util.Arrays.stream(values).filter(Objects::nonNull).toList();
    }

    /** A collector of the running control plane's parts, but on the test's clock. */
    private static MetricsCollector collector(ConfigurableApplicationContext context, MutableClock clock) {
        ObjectProvider<RouterServer> router = context.getBeanProvider(RouterServer.class);
        return new MetricsCollector(context.getBean(InstanceSupervisor.class), router, context.getBean(AppService.class),
                context.getBean(MetricsStore.class), context.getBean(EventBus.class), clock, context.getBean(MetricsProperties.class),
                new SimpleMeterRegistry());
    }

    private static MetricsService service(ConfigurableApplicationContext context, MutableClock clock) {
        return new MetricsService(collector(context, clock), context.getBean(MetricsStore.class), context.getBean(MetricsProperties.class),
                clock, context.getBean(AppService.class), context.getBean(InstanceSupervisor.class));
    }

    private ConfigurableApplicationContext start() throws Exception {
        return ControlPlanes.start(home, "history-test", "--coderunner.metrics.enabled=false", "--coderunner.runtime.stop-on-shutdown=true");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return ControlPlanes.admin(context, "history-test");
    }
}
