package dev.coderunner.metrics;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.app.AppService;

/** Chart data per environment, and the fleet overview. */
@RestController
class MetricsController {

    private final MetricsService metrics;
    private final AppService apps;

    MetricsController(MetricsService metrics, AppService apps) {
        this.metrics = metrics;
        this.apps = apps;
    }

    @GetMapping("/api/v1/apps/{app}/envs/{env}/metrics")
    MetricsService.Series series(@PathVariable String app, @PathVariable String env,
            @RequestParam(defaultValue = "1h") String range) {
        MetricsRange parsed = MetricsRange.parse(range);
        apps.requireEnvironment(app, env);
        return metrics.series(app, env, parsed);
    }

    @GetMapping("/api/v1/fleet")
    Map<String, List<FleetEntry>> fleet() {
        return Map.of("items", metrics.fleet());
    }
}
