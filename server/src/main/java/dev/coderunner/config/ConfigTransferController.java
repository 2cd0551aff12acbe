package dev.coderunner.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.coderunner.app.AppService;
import dev.coderunner.audit.AuditLog;
import dev.coderunner.deploy.DeploymentView;
import dev.coderunner.release.ReleaseService;
import dev.coderunner.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Import (with preview), export and diff of an environment's config. Exports are audited. */
@RestController
@RequestMapping("/api/v1/apps/{app}/envs/{env}/config")
class ConfigTransferController {

    static final int MAX_IMPORT = 1024 * 1024;

    private final AppService apps;
    private final ConfigService config;
    private final ConfigController configs;
    private final ReleaseService releases;
    private final AuditLog audit;
    private final ConfigAccess configAccess;

    ConfigTransferController(AppService apps, ConfigService config, ConfigController configs, ReleaseService releases, AuditLog audit, ConfigAccess configAccess) {
        this.apps = apps;
        this.config = config;
        this.configs = configs;
        this.releases = releases;
        this.audit = audit;
        this.configAccess = configAccess;
    }

    /**
     * {@code content} is the file's text in {@code format} (env, json, yaml); names in {@code secrets}, names the
     * file marks, and names already secret are stored as secrets ({@code allSecret} makes every one a secret);
     * {@code replace} also removes names the file lacks.
     */
    record ImportRequest(String format, String content, List<String> secrets, Boolean allSecret, Boolean replace) {
    }

    @PostMapping("/import")
    Map<String, Object> importConfig(@PathVariable String app, @PathVariable String env, @RequestBody ImportRequest request,
            @RequestParam(defaultValue = "false") boolean preview) {
        apps.requireEnvironment(app, env);
        if (request.content() == null || request.content().length() > MAX_IMPORT) {
            throw ApiException.badRequest("invalid-import", "content is required and at most " + MAX_IMPORT + " characters.");
        }
        ConfigFormat.Parsed parsed = ConfigFormat.parse(request.format()).read(request.content());
        Set<String> secretNames = request.secrets() == null ? Set.of() : Set.copyOf(request.secrets());
        ConfigService.ImportPlan plan = config.planImport(app, env, parsed, secretNames, Boolean.TRUE.equals(request.allSecret()),
                Boolean.TRUE.equals(request.replace()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("preview", preview);
        out.put("changes", plan.diff().changes());
        if (preview || plan.diff().isEmpty()) {
            out.put("release", apps.requireEnvironment(app, env).currentRelease());
            return out;
        }
        ConfigSnapshot before = config.current(app, env);
        ConfigSnapshot after = config.patch(app, env, plan.vars(), plan.secrets());
        List<String> names = plan.diff().changes().stream().map(ConfigDiff.Change::name).toList();
        audit.record("config.import", app + "/" + env, Map.of("names", names));
        DeploymentView deployment = configs.release(app, env, before, after, "Config import: " + names.size() + " change(s)");
        out.put("release", deployment == null ? apps.requireEnvironment(app, env).currentRelease() : deployment.release());
        out.put("deployment", deployment);
        return out;
    }

    /** The environment's own config as a file; secrets only with {@code reveal=true} (needs permission). Always audited. */
    @GetMapping("/export")
    ResponseEntity<String> export(@PathVariable String app, @PathVariable String env, @RequestParam(defaultValue = "env") String format,
            @RequestParam(defaultValue = "false") boolean reveal) {
        apps.requireEnvironment(app, env);
        ConfigFormat f = ConfigFormat.parse(format);
        if (reveal) {
            configAccess.requireReveal(app);
        }
        ConfigSnapshot own = config.own(app, env);
        audit.record("config.export", app + "/" + env, Map.of("format", f.name().toLowerCase(), "secrets", reveal,
                "secretNames", reveal ? own.secrets().keySet().stream().sorted().toList() : List.of()));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(f.mediaType() + ";charset=UTF-8")).body(f.write(own, reveal));
    }

    /**
     * Differences, secrets masked: between two releases of this environment ({@code from}, {@code to}; without
     * {@code to}, the current config), or from this environment's current config to another's ({@code env}).
     */
    @GetMapping("/diff")
    Map<String, Object> diff(@PathVariable String app, @PathVariable String env, @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to, @RequestParam(name = "env", required = false) String other) {
        apps.requireEnvironment(app, env);
        ConfigSnapshot a;
        ConfigSnapshot b;
        String fromLabel;
        String toLabel;
        if (other != null) {
            apps.requireEnvironment(app, other);
            a = config.current(app, env);
            b = config.current(app, other);
            fromLabel = env;
            toLabel = other;
        } else if (from != null) {
            a = releases.require(app, env, from).config();
            b = to == null ? config.current(app, env) : releases.require(app, env, to).config();
            fromLabel = env + " v" + from;
            toLabel = to == null ? env + " (current)" : env + " v" + to;
        } else {
            throw ApiException.badRequest("invalid-diff", "Give from (and optionally to) release numbers, or env to compare with.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", fromLabel);
        out.put("to", toLabel);
        out.put("changes", ConfigDiff.between(a, b).changes());
        return out;
    }
}
