package dev.coderunner.metrics;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.coderunner.access.Action;
import dev.coderunner.access.AppAccess;
import dev.coderunner.app.AppService;
import dev.coderunner.auth.Principal;
import dev.coderunner.events.RealtimeRequest;

/**
 * {@code get_metrics} on {@code /api/v1/ws} (docs/realtime.md): the body of {@code GET …/metrics}, with the same
 * parameters, defaults, errors and access rule; {@code figures} is an array instead of a comma-separated list.
 */
@Component
class MetricsRequest implements RealtimeRequest {

    private final MetricsService metrics;
    private final AppService apps;
    private final AppAccess access;

    MetricsRequest(MetricsService metrics, AppService apps, AppAccess access) {
        this.metrics = metrics;
        this.apps = apps;
        this.access = access;
    }

    @Override
    public String type() {
        return "get_metrics";
    }

    @Override
    public Object answer(Principal caller, Message message) {
        String app = message.required("app");
        String env = message.required("env");
        access.require(caller, app, Action.READ);   // as access.AccessInterceptor does before the REST route runs
        MetricsRange range = MetricsRange.parse(message.text("range", "1h"));
        List<String> figures = message.texts("figures");
        Set<String> only = figures == null || figures.isEmpty() ? null : MetricsController.parseFigures(String.join(",", figures));
        apps.requireEnvironment(app, env);
        return metrics.series(app, env, range, only, message.integer("step"));
    }
}
