package dev.coderunner.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.app.AppService;
import dev.coderunner.audit.AuditLog;
import dev.coderunner.deploy.DeploymentView;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Config templates: list them, and apply one to an environment with values filled in (one release). */
@RestController
class TemplateController {

    private final AppService apps;
    private final ConfigService config;
    private final ConfigController configs;
    private final AuditLog audit;

    TemplateController(AppService apps, ConfigService config, ConfigController configs, AuditLog audit) {
        this.apps = apps;
        this.config = config;
        this.configs = configs;
        this.audit = audit;
    }

    record Apply(Map<String, String> values) {
    }

    @GetMapping("/api/v1/config/templates")
    Map<String, Object> list() {
        return Map.of("items", ConfigTemplate.ALL.stream().map(TemplateController::view).toList());
    }

    @PostMapping("/api/v1/apps/{app}/envs/{env}/config/templates/{name}")
    Map<String, Object> apply(@PathVariable String app, @PathVariable String env, @PathVariable String name, @RequestBody(required = false) Apply body) {
        apps.requireEnvironment(app, env);
        ConfigTemplate template = ConfigTemplate.ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("template", name));
        Map<String, String> given = body == null || body.values() == null ? Map.of() : body.values();
        Map<String, String> vars = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        List<ApiException.FieldError> missing = new ArrayList<>();
        for (ConfigTemplate.Variable v : template.variables()) {
            String value = given.getOrDefault(v.name(), v.defaultValue());
            if (value == null || value.isEmpty()) {
                missing.add(new ApiException.FieldError("values." + v.name(), "required: " + v.description()));
            } else {
                (v.secret() ? secrets : vars).put(v.name(), value);
            }
        }
        given.keySet().stream().filter(k -> template.variables().stream().noneMatch(v -> v.name().equals(k)))
                .forEach(k -> missing.add(new ApiException.FieldError("values." + k, "not a variable of template " + name)));
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-template-values", "Template " + name + " needs these values.", missing);
        }
        ConfigSnapshot before = config.current(app, env);
        ConfigSnapshot after = config.patch(app, env, vars, secrets);
        audit.record("config.change", app + "/" + env, Map.of("template", name));
        DeploymentView deployment = configs.release(app, env, before, after, "Config template " + name);
        Integer release = deployment == null ? apps.requireEnvironment(app, env).currentRelease() : deployment.release();
        return ConfigController.view(after, release, deployment);
    }

    private static Map<String, Object> view(ConfigTemplate t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("description", t.description());
        out.put("variables", t.variables().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("default", v.secret() ? null : v.defaultValue());
            m.put("secret", v.secret());
            m.put("required", v.required());
            m.put("description", v.description());
            return m;
        }).toList());
        return out;
    }
}
