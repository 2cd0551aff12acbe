package dev.coderunner.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.audit.AuditLog;
import dev.coderunner.deploy.DeploymentService;
import dev.coderunner.deploy.DeploymentView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An environment's config vars and secrets (masked unless revealed, which is audited), and the app-wide
 * defaults every environment inherits. A change rolls out as a new release of each affected environment.
 */
@RestController
@RequestMapping("/api/v1/apps/{app}")
class ConfigController {

    private final AppService apps;
    private final ConfigService config;
    private final DeploymentService deployments;
    private final AuditLog audit;
    private final ConfigAccess configAccess;

    ConfigController(AppService apps, ConfigService config, DeploymentService deployments, AuditLog audit, ConfigAccess configAccess) {
        this.apps = apps;
        this.config = config;
        this.deployments = deployments;
        this.audit = audit;
        this.configAccess = configAccess;
    }

    record ConfigPatch(Map<String, String> vars, Map<String, String> secrets) {
    }

    @GetMapping("/envs/{env}/config")
    Map<String, Object> get(@PathVariable String app, @PathVariable String env, @RequestParam(defaultValue = "false") boolean reveal,
            @RequestParam(required = false) List<String> name) {
        Integer release = apps.requireEnvironment(app, env).currentRelease();
        Map<String, Object> out = view(config.current(app, env), release, null);
        out.put("inherited", inherited(app, env));
        if (reveal) {
            out.put("secrets", reveal(app, env, config.current(app, env), name));
        }
        return out;
    }

    @PatchMapping("/envs/{env}/config")
    Map<String, Object> patch(@PathVariable String app, @PathVariable String env, @RequestBody ConfigPatch patch) {
        apps.requireEnvironment(app, env);
        ConfigSnapshot before = config.current(app, env);
        ConfigSnapshot updated = config.patch(app, env, patch.vars(), patch.secrets());
        DeploymentView deployment = release(app, env, before, updated, "Config change: " + String.join(", ", names(patch)));
        audit.record("config.change", app + "/" + env, Map.of("names", names(patch)));
        Integer release = deployment == null ? apps.requireEnvironment(app, env).currentRelease() : deployment.release();
        Map<String, Object> out = view(updated, release, deployment);
        out.put("inherited", inherited(app, env));
        return out;
    }

    /** The app-wide defaults, inherited by every environment. */
    @GetMapping("/config")
    Map<String, Object> defaults(@PathVariable String app, @RequestParam(defaultValue = "false") boolean reveal,
            @RequestParam(required = false) List<String> name) {
        apps.require(app);
        ConfigSnapshot defaults = config.own(app, ConfigService.DEFAULTS);
        Map<String, Object> out = new LinkedHashMap<>(defaults.masked());
        if (reveal) {
            out.put("secrets", reveal(app, ConfigService.DEFAULTS, defaults, name));
        }
        return out;
    }

    /** Changes the defaults; every environment whose effective config changes gets a new release. */
    @PatchMapping("/config")
    Map<String, Object> patchDefaults(@PathVariable String app, @RequestBody ConfigPatch patch) {
        apps.require(app);
        List<Environment> envs = apps.environments(app);
        Map<String, ConfigSnapshot> before = new LinkedHashMap<>();
        envs.forEach(e -> before.put(e.name(), config.current(app, e.name())));
        ConfigSnapshot updated = config.patch(app, ConfigService.DEFAULTS, patch.vars(), patch.secrets());
        audit.record("config.change", app + "/" + ConfigService.DEFAULTS, Map.of("names", names(patch)));
        List<DeploymentView> rollouts = new ArrayList<>();
        for (Environment e : envs) {
            DeploymentView d = release(app, e.name(), before.get(e.name()), config.current(app, e.name()),
                    "App-wide config change: " + String.join(", ", names(patch)));
            if (d != null) {
                rollouts.add(d);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(updated.masked());
        out.put("deployments", rollouts);
        return out;
    }

    /** A new release when the effective config really changed and something is deployed; null otherwise. */
    DeploymentView release(String app, String env, ConfigSnapshot before, ConfigSnapshot after, String description) {
        if (ConfigDiff.between(before, after).isEmpty()) {
            return null;
        }
        return deployments.releaseConfig(app, env, after, description).orElse(null);
    }

    private Map<String, String> reveal(String app, String scope, ConfigSnapshot snapshot, List<String> only) {
        configAccess.requireReveal(app);
        Map<String, String> shown = new TreeMap<>(snapshot.secrets());
        if (only != null && !only.isEmpty()) {
            shown.keySet().retainAll(only);
        }
        audit.record("config.reveal", app + "/" + scope, Map.of("names", List.copyOf(shown.keySet())));
        return shown;
    }

    private List<String> inherited(String app, String env) {
        ConfigSnapshot own = config.own(app, env);
        return new TreeSet<>(config.own(app, ConfigService.DEFAULTS).merged().keySet()).stream().filter(n -> !own.has(n)).toList();
    }

    static Map<String, Object> view(ConfigSnapshot snapshot, Integer release, DeploymentView deployment) {
        Map<String, Object> out = new LinkedHashMap<>(snapshot.masked());
        out.put("release", release);
        if (deployment != null) {
            out.put("deployment", deployment);
        }
        return out;
    }

    static List<String> names(ConfigPatch patch) {
        List<String> names = new ArrayList<>();
        if (patch.vars() != null) {
            names.addAll(patch.vars().keySet());
        }
        if (patch.secrets() != null) {
            names.addAll(patch.secrets().keySet());
        }
        return names.stream().sorted().limit(20).toList();
    }
}
