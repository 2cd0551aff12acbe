package dev.coderunner.metrics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.access.Access;
import dev.coderunner.access.AppAccess;
import dev.coderunner.app.AppService;
import dev.coderunner.auth.Principal;
import dev.coderunner.web.ApiException;

/** Chart data per environment, and the fleet overview. */
@RestController
class MetricsController {

    private final MetricsService metrics;
    private final AppService apps;
    private final AppAccess access;

    MetricsController(MetricsService metrics, AppService apps, AppAccess access) {
        this.metrics = metrics;
        this.apps = apps;
        this.access = access;
    }

    /**
     * {@code figures}: a comma-separated list of figure names to answer (default: all), to keep long ranges small;
     * {@code step}: seconds between points for 24h/7d when finer than their default (one of the stored roll-ups).
     */
    @GetMapping("/api/v1/apps/{app}/envs/{env}/metrics")
    MetricsService.Series series(@PathVariable String app, @PathVariable String env,
            @RequestParam(defaultValue = "1h") String range, @RequestParam(required = false) String figures,
            @RequestParam(required = false) Integer step) {
        MetricsRange parsed = MetricsRange.parse(range);
        Set<String> only = figures == null || figures.isBlank() ? null : parseFigures(figures);
        apps.requireEnvironment(app, env);
        return metrics.series(app, env, parsed, only, step);
    }

    /** The {@code figures} parameter: known figure names, comma-separated (also what {@code get_metrics} on the WebSocket takes). */
    static Set<String> parseFigures(String figures) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : figures.split(",")) {
            String n = name.strip();
            if (Figure.byWire(n) == null) {
                throw ApiException.badRequest("invalid-figure", "Unknown figure '" + (n.length() > 40 ? n.substring(0, 40) + "…" : n)
                        + "'; see docs/metrics.md for the names.");
            }
            names.add(n);
        }
        return names;
    }

    /** Every app the caller may see, and no other: a viewer's fleet is their own apps. */
    @Access(Access.Who.AUTHENTICATED)
    @GetMapping("/api/v1/fleet")
    Map<String, List<FleetEntry>> fleet() {
        AppAccess.Visible visible = access.visible(Principal.current());
        return Map.of("items", metrics.fleet().stream().filter(e -> visible.contains(e.app())).toList());
    }
}
