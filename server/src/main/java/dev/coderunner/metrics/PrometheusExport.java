package dev.coderunner.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.coderunner.app.AppService;
import dev.coderunner.router.RouteStats;
import dev.coderunner.router.RouterServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Adds the router's and the instances' figures to {@code GET /metrics}, next to the control plane's own
 * Micrometer meters. Router counters are read live; instance figures come from the newest sample.
 * Labels are {@code app}, {@code env}, {@code process_type}, {@code instance} (and {@code status} class),
 * so the series count is bounded by environments and instance slots, never by requests or releases.
 */
@Component
class PrometheusExport implements MultiCollector {

    private static final double[] BOUNDS = withInfinity(RouteStats.LATENCY_BOUNDS_SECONDS);

    private final MetricsCollector collector;
    private final ObjectProvider<RouterServer> router;
    private final AppService apps;

    PrometheusExport(ObjectProvider<PrometheusRegistry> registry, MetricsCollector collector, ObjectProvider<RouterServer> router,
            AppService apps) {
        this.collector = collector;
        this.router = router;
        this.apps = apps;
        registry.ifAvailable(r -> r.register(this));
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        routerFamilies(out);
        instanceFamilies(out);
        return out.build();
    }

    private void routerFamilies(MetricSnapshots.Builder out) {
        RouterServer r = router.getIfAvailable();
        if (r == null) {
            return;
        }
        Set<String> known = new HashSet<>();
        apps.allEnvironments().forEach(e -> known.add(Sample.key(e.app(), e.name())));
        List<RouteStats> stats = r.stats().stream()
                .filter(s -> s.app().startsWith("_") || known.contains(Sample.key(s.app(), s.env()))).toList();
        CounterSnapshot.Builder requests = CounterSnapshot.builder().name("coderunner_router_requests")
                .help("Requests through the router that finished, by status class");
        HistogramSnapshot.Builder duration = HistogramSnapshot.builder().name("coderunner_router_request_duration_seconds")
                .help("Time from request received to response completed");
        CounterSnapshot.Builder received = CounterSnapshot.builder().name("coderunner_router_received_bytes")
                .help("Request body bytes received from clients");
        CounterSnapshot.Builder sent = CounterSnapshot.builder().name("coderunner_router_sent_bytes")
                .help("Response body bytes sent to clients");
        GaugeSnapshot.Builder inFlight = GaugeSnapshot.builder().name("coderunner_router_in_flight_requests")
                .help("Requests being proxied now");
        for (RouteStats s : stats) {
            Labels labels = Labels.of("app", s.app(), "env", s.env());
            for (int i = 0; i < RouteStats.STATUS_CLASSES.length; i++) {
                requests.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(labels.add("status", RouteStats.STATUS_CLASSES[i])).value(s.byStatusClass()[i]).build());
            }
            duration.dataPoint(HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, s.latencyBuckets()))
                    .sum(s.latencySumNanos() / 1e9).build());
            received.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(s.bytesIn()).build());
            sent.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(s.bytesOut()).build());
            inFlight.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(s.inFlight()).build());
        }
        out.metricSnapshot(requests.build()).metricSnapshot(duration.build()).metricSnapshot(received.build())
                .metricSnapshot(sent.build()).metricSnapshot(inFlight.build());
    }

    private void instanceFamilies(MetricSnapshots.Builder out) {
        GaugeSnapshot.Builder cpu = gauge("coderunner_instance_cpu_percent",
                "CPU used by the instance's process group over the last interval, in percent of one core");
        GaugeSnapshot.Builder memory = gauge("coderunner_instance_memory_bytes", "Resident memory of the instance's process group");
        GaugeSnapshot.Builder threads = gauge("coderunner_instance_threads", "Threads in the instance's process group");
        GaugeSnapshot.Builder files = gauge("coderunner_instance_open_files", "Open file descriptors in the instance's process group");
        GaugeSnapshot.Builder uptime = gauge("coderunner_instance_uptime_seconds", "Seconds since the instance started");
        GaugeSnapshot.Builder healthy = gauge("coderunner_instance_healthy", "1 when the instance is up and passing its health check, else 0");
        CounterSnapshot.Builder restarts = CounterSnapshot.builder().name("coderunner_instance_restarts")
                .help("Times the supervisor restarted the instance");
        GaugeSnapshot.Builder instances = gauge("coderunner_environment_instances", "Running instances of the environment");
        GaugeSnapshot.Builder unhealthy = gauge("coderunner_environment_unhealthy_instances",
                "Instances of the environment that are unhealthy or crashed");
        for (Sample s : collector.latest().byEnv().values()) {
            Point e = s.environment();
            Labels envLabels = Labels.of("app", e.app(), "env", e.env());
            point(instances, envLabels, e.get(Field.INSTANCES));
            point(unhealthy, envLabels, e.get(Field.UNHEALTHY));
            for (Point p : s.instances()) {
                Labels labels = Labels.of("app", p.app(), "env", p.env(), "instance", p.instance(), "process_type",
                        p.processType() == null ? "" : p.processType());
                point(cpu, labels, p.get(Field.CPU_PERCENT));
                point(memory, labels, p.get(Field.MEMORY_BYTES));
                point(threads, labels, p.get(Field.THREADS));
                point(files, labels, p.get(Field.OPEN_FILES));
                point(uptime, labels, p.get(Field.UPTIME_SECONDS));
                point(healthy, labels, Double.isNaN(p.get(Field.UNHEALTHY)) ? Double.NaN : 1 - p.get(Field.UNHEALTHY));
                if (!Double.isNaN(p.get(Field.RESTARTS))) {
                    restarts.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(p.get(Field.RESTARTS)).build());
                }
            }
        }
        for (GaugeSnapshot.Builder g : List.of(cpu, memory, threads, files, uptime, healthy, instances, unhealthy)) {
            out.metricSnapshot(g.build());
        }
        out.metricSnapshot(restarts.build());
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static void point(GaugeSnapshot.Builder gauge, Labels labels, double value) {
        if (!Double.isNaN(value)) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }
    }

    private static double[] withInfinity(double[] bounds) {
        double[] out = java.util.Arrays.copyOf(bounds, bounds.length + 1);
        out[bounds.length] = Double.POSITIVE_INFINITY;
        return out;
    }
}
