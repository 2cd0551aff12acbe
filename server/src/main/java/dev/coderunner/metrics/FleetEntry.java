package dev.coderunner.metrics;

import java.util.List;

import dev.coderunner.runtime.InstanceView;

/**
 * One line of the fleet overview: an environment's health and key figures from its newest sample
 * (null where not measured).
 *
 * @param health {@code healthy} (every instance up and passing), {@code degraded} (some failing),
 *               {@code unhealthy} (none passing), {@code starting}, {@code crash-loop}, or {@code stopped} (no instances)
 */
record FleetEntry(String app, String env, String health, int instances, int unhealthy, int restarts, Double cpuPercent,
        Double memoryBytes, Double requestsPerSecond, Double errorRate, Double latencyP95Ms) {

    static FleetEntry of(String app, String env, List<InstanceView> views, Point sample) {
        List<InstanceView> live = views.stream().filter(v -> !"stopped".equals(v.state()) && !"stopping".equals(v.state())).toList();
        int up = (int) live.stream().filter(v -> "healthy".equals(v.state()) || "running".equals(v.state())).count();
        int sick = (int) live.stream().filter(v -> "unhealthy".equals(v.state()) || "crashed".equals(v.state())).count();
        String health;
        if (live.isEmpty()) {
            health = "stopped";
        } else if (live.stream().anyMatch(InstanceView::crashLoop)) {
            health = "crash-loop";
        } else if (up == live.size()) {
            health = "healthy";
        } else if (up > 0) {
            health = "degraded";
        } else if (sick == 0) {
            health = "starting";
        } else {
            health = "unhealthy";
        }
        int restarts = live.stream().mapToInt(InstanceView::restarts).sum();
        return new FleetEntry(app, env, health, live.size(), sick, restarts, figure(Figure.CPU_PERCENT, sample),
                figure(Figure.MEMORY_BYTES, sample), figure(Figure.REQUESTS_PER_SECOND, sample), figure(Figure.ERROR_RATE, sample),
                figure(Figure.LATENCY_P95_MS, sample));
    }

    private static Double figure(Figure f, Point sample) {
        return sample == null ? null : Figure.finite(f.of(sample));
    }
}
