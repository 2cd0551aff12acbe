package dev.coderunner.config;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.coderunner.app.AppService;
import dev.coderunner.deploy.DeploymentService;
import dev.coderunner.deploy.DeploymentView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An environment's config vars and secrets (always masked here). A change rolls out as a new release. */
@RestController
@RequestMapping("/api/v1/apps/{app}/envs/{env}/config")
class ConfigController {

    private final AppService apps;
    private final ConfigService config;
    private final DeploymentService deployments;

    ConfigController(AppService apps, ConfigService config, DeploymentService deployments) {
        this.apps = apps;
        this.config = config;
        this.deployments = deployments;
    }

    record ConfigPatch(Map<String, String> vars, Map<String, String> secrets) {
    }

    @GetMapping
    Map<String, Object> get(@PathVariable String app, @PathVariable String env) {
        Integer release = apps.requireEnvironment(app, env).currentRelease();
        return view(config.current(app, env), release, null);
    }

    @PatchMapping
    Map<String, Object> patch(@PathVariable String app, @PathVariable String env, @RequestBody ConfigPatch patch) {
        apps.requireEnvironment(app, env);
        ConfigSnapshot updated = config.patch(app, env, patch.vars(), patch.secrets());
        String description = "Config change: " + String.join(", ", names(patch));
        DeploymentView deployment = deployments.releaseConfig(app, env, updated, description).orElse(null);
        return view(updated, deployment == null ? null : deployment.release(), deployment);
    }

    private static Map<String, Object> view(ConfigSnapshot snapshot, Integer release, DeploymentView deployment) {
        Map<String, Object> out = new LinkedHashMap<>(snapshot.masked());
        out.put("release", release);
        if (deployment != null) {
            out.put("deployment", deployment);
        }
        return out;
    }

    private static java.util.List<String> names(ConfigPatch patch) {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (patch.vars() != null) {
            names.addAll(patch.vars().keySet());
        }
        if (patch.secrets() != null) {
            names.addAll(patch.secrets().keySet());
        }
        return names.stream().sorted().limit(10).toList();
    }
}
