package dev.coderunner.deploy;

import java.util.List;
import java.util.Map;

import dev.coderunner.app.AppService;
import dev.coderunner.build.Manifest;
import dev.coderunner.release.Release;
import dev.coderunner.release.ReleaseService;
import dev.coderunner.runtime.InstanceSupervisor;
import dev.coderunner.runtime.InstanceView;
import dev.coderunner.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operating one environment: instances, scale, start/stop/restart, releases and rollback. */
@RestController
@RequestMapping("/api/v1/apps/{app}/envs/{env}")
class EnvironmentController {

    private final AppService apps;
    private final Formation formation;
    private final InstanceSupervisor supervisor;
    private final ReleaseService releases;
    private final DeploymentService deployments;
    private final EnvironmentOverview overview;

    EnvironmentController(AppService apps, Formation formation, InstanceSupervisor supervisor, ReleaseService releases,
            DeploymentService deployments, EnvironmentOverview overview) {
        this.apps = apps;
        this.formation = formation;
        this.supervisor = supervisor;
        this.releases = releases;
        this.deployments = deployments;
        this.overview = overview;
    }

    @GetMapping("/instances")
    Page<InstanceView> instances(@PathVariable String app, @PathVariable String env) {
        apps.requireEnvironment(app, env);
        return new Page<>(supervisor.instances(app, env), null);
    }

    @PutMapping("/scale")
    Map<String, Object> scale(@PathVariable String app, @PathVariable String env, @RequestBody Map<String, Integer> counts) {
        return Map.of("formation", formation.scale(app, env, counts));
    }

    @PostMapping("/actions/{action}")
    ResponseEntity<Object> action(@PathVariable String app, @PathVariable String env, @PathVariable String action) {
        return switch (action) {
            case "start" -> {
                formation.start(app, env);
                yield ResponseEntity.accepted().body(overview.detail(apps.requireEnvironment(app, env)));
            }
            case "stop" -> {
                formation.stop(app, env);
                yield ResponseEntity.accepted().body(overview.detail(apps.requireEnvironment(app, env)));
            }
            case "restart" -> ResponseEntity.accepted().body(deployments.restart(app, env));
            default -> throw ApiException.notFound("action", action);
        };
    }

    record ReleaseView(int version, String description, String createdAt, String createdBy, String deploymentId, boolean current,
            String stack, List<String> processes) {
        static ReleaseView of(Release r, Integer current) {
            Manifest m = r.manifest();
            return new ReleaseView(r.version(), r.description(), r.createdAt().toString(), r.createdBy(), r.deploymentId(),
                    current != null && current == r.version(), m.stack(), List.copyOf(m.processes().keySet()));
        }
    }

    @GetMapping("/releases")
    Page<ReleaseView> releases(@PathVariable String app, @PathVariable String env, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        Integer current = apps.requireEnvironment(app, env).currentRelease();
        int n = Page.limit(limit);
        Integer before = parseCursor(cursor);
        List<Release> page = releases.list(app, env, before, n + 1);
        List<ReleaseView> items = page.stream().limit(n).map(r -> ReleaseView.of(r, current)).toList();
        return new Page<>(items, page.size() > n ? Integer.toString(items.getLast().version()) : null);
    }

    record RollbackRequest(@NotNull Integer release) {
    }

    @PostMapping("/rollback")
    ResponseEntity<DeploymentView> rollback(@PathVariable String app, @PathVariable String env, @Valid @RequestBody RollbackRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(deployments.rollback(app, env, request.release(), key));
    }

    private static Integer parseCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-cursor", "The cursor is not one this API gave out.");
        }
    }
}
