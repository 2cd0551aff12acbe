package dev.coderunner.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.coderunner.app.App;
import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.router.RouteTable;
import dev.coderunner.runtime.InstanceSupervisor;
import dev.coderunner.runtime.InstanceView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Combines an environment's spec, its instances and its last deployment into what lists and pages show. */
@Component
class EnvironmentOverview {

    private final AppService apps;
    private final InstanceSupervisor supervisor;
    private final DeploymentService deployments;
    private final RouteTable routes;
    private final int routerPort;

    EnvironmentOverview(AppService apps, InstanceSupervisor supervisor, DeploymentService deployments, RouteTable routes,
            @Value("${coderunner.router.public-port:${coderunner.router.port}}") int routerPort) {
        this.apps = apps;
        this.supervisor = supervisor;
        this.deployments = deployments;
        this.routes = routes;
        this.routerPort = routerPort;
    }

    record Summary(String name, String status, int instances, String url, Integer currentRelease, Instant lastDeployAt, String lastDeployBy,
            String lastDeployStatus) {
    }

    record Detail(String app, String name, String url, String status, Integer currentRelease, String desiredState,
            Map<String, Integer> formation, List<InstanceView> instances, DeploymentView lastDeployment) {
    }

    record AppView(String name, Instant createdAt, String createdBy, List<Summary> environments) {
    }

    AppView app(App app) {
        return new AppView(app.name(), app.createdAt(), app.createdBy(), apps.environments(app.name()).stream().map(this::summary).toList());
    }

    Summary summary(Environment env) {
        List<InstanceView> instances = supervisor.instances(env.app(), env.name());
        DeploymentView last = deployments.latest(env.app(), env.name()).orElse(null);
        return new Summary(env.name(), status(env, instances, last), (int) instances.stream().filter(i -> !"stopping".equals(i.state())).count(),
                url(env), env.currentRelease(), last == null ? null : last.createdAt(), last == null ? null : last.createdBy(),
                last == null ? null : last.status());
    }

    Detail detail(Environment env) {
        List<InstanceView> instances = supervisor.instances(env.app(), env.name());
        DeploymentView last = deployments.latest(env.app(), env.name()).orElse(null);
        return new Detail(env.app(), env.name(), url(env), status(env, instances, last), env.currentRelease(),
                env.desiredState().name().toLowerCase(), env.formation(), instances, last);
    }

    String url(Environment env) {
        return "http://" + routes.hostname(env.app(), env.name()) + (routerPort == 80 ? "" : ":" + routerPort) + "/";
    }

    /** One word for a badge: new, deploying, running, crashed, stopped. */
    static String status(Environment env, List<InstanceView> instances, DeploymentView last) {
        if (last != null && !List.of("succeeded", "failed", "rolled-back", "cancelled").contains(last.status())) {
            return "deploying";
        }
        if (env.currentRelease() == null) {
            return "new";
        }
        if (env.desiredState() == Environment.DesiredState.STOPPED) {
            return "stopped";
        }
        boolean anyCrashed = instances.stream().anyMatch(i -> "crashed".equals(i.state()) || "unhealthy".equals(i.state()));
        return anyCrashed ? "crashed" : "running";
    }
}
