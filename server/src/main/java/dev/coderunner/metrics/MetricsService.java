package dev.coderunner.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Service;

import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.runtime.InstanceSupervisor;

/**
 * What the platform knows about how each environment behaves: the figures of its newest sample, and
 * its history for charts. Other capabilities (alerts, the autoscaler) read it through
 * {@link #current(String, String, String)}.
 *
 * <p>Metric names understood by {@code current} (all for one environment, from the newest sample,
 * taken every {@code coderunner.metrics.interval}, 5 s by default):
 * <ul>
 * <li>{@code cpu_percent}: CPU of one instance, averaged over the running instances, in percent of one core
 *     (a process group using two cores fully is 200); {@code cpu_percent_max} the busiest instance,
 *     {@code cpu_percent_total} all instances together</li>
 * <li>{@code memory_bytes}: resident memory per instance (mean); {@code memory_bytes_max}, {@code memory_bytes_total}</li>
 * <li>{@code requests_per_second}: requests the router finished during the last interval, per second</li>
 * <li>{@code error_rate}: the fraction (0..1) of those answered with a 5xx status; 0 without traffic</li>
 * <li>{@code latency_p50_ms}, {@code latency_p95_ms}, {@code latency_p99_ms}: router latency percentiles of the
 *     last interval, in milliseconds; empty without traffic</li>
 * <li>{@code restarts}: restarts of the current instances, summed</li>
 * <li>{@code instances}: running instances; {@code instances_unhealthy}: those unhealthy or crashed</li>
 * <li>also {@code threads}, {@code open_files}, {@code in_flight}, {@code bytes_in_per_second},
 *     {@code bytes_out_per_second}, {@code status_1xx_per_second} … {@code status_5xx_per_second}</li>
 * </ul>
 * The answer is empty for an unknown metric or environment, when no sample is younger than three
 * intervals (collection off or stalled), and when the figure was not measured (no traffic, no
 * {@code /proc}).
 */
@Service
public class MetricsService {

    /** Every name {@link #current} answers. */
    public static final Set<String> METRICS;

    static {
        Set<String> names = new TreeSet<>();
        Figure.FOR_ENVIRONMENT.forEach(f -> names.add(f.wire));
        names.add("cpu_percent_max");
        names.add("memory_bytes_max");
        METRICS = Set.copyOf(names);
    }

    private final MetricsCollector collector;
    private final MetricsStore store;
    private final MetricsProperties properties;
    private final Clock clock;
    private final AppService apps;
    private final InstanceSupervisor supervisor;

    MetricsService(MetricsCollector collector, MetricsStore store, MetricsProperties properties, Clock clock, AppService apps,
            InstanceSupervisor supervisor) {
        this.apps = apps;
        this.supervisor = supervisor;
        this.collector = collector;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The newest value of {@code metric} (see the class comment) for one environment, if known and fresh. */
    public OptionalDouble current(String app, String env, String metric) {
        Sample s = fresh(app, env);
        if (s == null || metric == null) {
            return OptionalDouble.empty();
        }
        double v = switch (metric) {
            case "cpu_percent_max" -> max(s, Field.CPU_PERCENT);
            case "memory_bytes_max" -> max(s, Field.MEMORY_BYTES);
            default -> {
                Figure f = Figure.byWire(metric);
                yield f == null || f.scope == Figure.Scope.INSTANCE ? Double.NaN : f.of(s.environment());
            }
        };
        return Double.isNaN(v) || Double.isInfinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The newest sample of an environment, or null when there is none younger than three intervals. */
    Sample fresh(String app, String env) {
        Sample.Latest latest = collector.latest();
        if (latest.epochSecond() < clock.instant().getEpochSecond() - 3L * properties.intervalSeconds()) {
            return null;
        }
        return latest.byEnv().get(Sample.key(app, env));
    }

    /** Chart data: the environment's figures and each instance's over {@code range}, on a regular time grid. */
    Series series(String app, String env, MetricsRange range) {
        return series(app, env, range, null);
    }

    /** As {@link #series(String, String, MetricsRange)}, with only the figures named in {@code only} (null = all). */
    Series series(String app, String env, MetricsRange range, Set<String> only) {
        return series(app, env, range, only, null);
    }

    /** As {@link #series(String, String, MetricsRange, Set)}, at a finer stored step than the range's own when {@code step} is set. */
    Series series(String app, String env, MetricsRange range, Set<String> only, Integer requestedStep) {
        List<Figure> envFigures = Figure.FOR_ENVIRONMENT.stream().filter(f -> only == null || only.contains(f.wire)).toList();
        List<Figure> instanceFigures = Figure.FOR_INSTANCE.stream().filter(f -> only == null || only.contains(f.wire)).toList();
        int step = range.step(properties.intervalSeconds(), requestedStep);
        int slots = (int) (range.length.toSeconds() / step);
        long last = Math.floorDiv(clock.instant().getEpochSecond(), step) * step;
        long first = last - (long) (slots - 1) * step;
        long[] times = new long[slots];
        for (int i = 0; i < slots; i++) {
            times[i] = first + (long) i * step;
        }
        Map<String, Double[]> environment = new LinkedHashMap<>();
        envFigures.forEach(f -> environment.put(f.wire, new Double[slots]));
        Map<String, Series.Instance> instances = new LinkedHashMap<>();
        for (Point p : store.find(step, app, env, first, last + step, true)) {
            int i = (int) ((p.epochSecond() - first) / step);
            if (i < 0 || i >= slots || (p.epochSecond() - first) % step != 0) {
                continue;
            }
            if (p.isEnvironment()) {
                for (Figure f : envFigures) {
                    environment.get(f.wire)[i] = Figure.compact(f.of(p));
                }
            } else {
                Series.Instance series = instances.computeIfAbsent(p.instance(),
                        id -> Series.Instance.empty(id, p.processType(), instanceFigures, slots));
                for (Figure f : instanceFigures) {
                    series.values().get(f.wire)[i] = Figure.compact(f.of(p));
                }
            }
        }
        Sample now = fresh(app, env);
        return new Series(app, env, range.wire, step, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), times,
                environment, instances.values().stream().sorted(Series.Instance.ORDER).toList(),
                now == null ? Map.of() : Figure.all(now.environment()),
                now == null ? List.of() : now.instances().stream().map(MetricsCollector::liveInstance).toList());
    }

    /** Every environment of every app with its health and key figures, by app and environment name. */
    List<FleetEntry> fleet() {
        List<FleetEntry> out = new ArrayList<>();
        for (Environment e : apps.allEnvironments()) {
            Sample s = fresh(e.app(), e.name());
            out.add(FleetEntry.of(e.app(), e.name(), supervisor.instances(e.app(), e.name()), s == null ? null : s.environment()));
        }
        out.sort(java.util.Comparator.comparing(FleetEntry::app).thenComparing(FleetEntry::env));
        return out;
    }

    private static double max(Sample s, Field field) {
        return s.instances().stream().mapToDouble(p -> p.get(field)).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** Chart data of one environment, as the API answers it. */
    record Series(String app, String env, String range, int step, Instant from, Instant to, long[] epochSeconds,
            Map<String, Double[]> environment, List<Instance> instances, Map<String, Double> current,
            List<Map<String, Object>> currentInstances) {

        record Instance(String instance, String processType, Map<String, Double[]> values) {
            static final java.util.Comparator<Instance> ORDER = java.util.Comparator.comparing(Instance::processType,
                    java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())).thenComparing(i -> indexOf(i.instance()))
                    .thenComparing(Instance::instance);

            static Instance empty(String id, String processType, List<Figure> figures, int slots) {
                Map<String, Double[]> values = new LinkedHashMap<>();
                figures.forEach(f -> values.put(f.wire, new Double[slots]));
                return new Instance(id, processType, values);
            }

            private static int indexOf(String id) {
                int dot = id.lastIndexOf('.');
                try {
                    return dot < 0 ? 0 : Integer.parseInt(id.substring(dot + 1));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
    }
}
