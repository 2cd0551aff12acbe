package dev.coderunner.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.coderunner.audit.AuditLog;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code …/alerts/rules}: an environment's custom rules (CRUD) and built-in rules (on/off). */
@RestController
@RequestMapping("/api/v1/apps/{app}/envs/{env}/alerts")
class AlertRuleController {

    private final AlertRules rules;
    private final AuditLog audit;

    AlertRuleController(AlertRules rules, AuditLog audit) {
        this.rules = rules;
        this.audit = audit;
    }

    @GetMapping("/rules")
    Map<String, Object> list(@PathVariable String app, @PathVariable String env) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", rules.list(app, env).stream().map(rules::view).toList());
        out.put("builtin", rules.builtinViews(app, env));
        return out;
    }

    @PostMapping("/rules")
    ResponseEntity<Map<String, Object>> create(@PathVariable String app, @PathVariable String env, @RequestBody(required = false) JsonNode body) {
        AlertRule rule = rules.create(app, env, RuleRequest.parse(body));
        audit.record("alert.rule.create", app + "/" + env, Map.of("rule", rule.id(), "name", rule.name(), "expression", rule.expression()));
        return ResponseEntity.status(HttpStatus.CREATED).body(rules.view(rule));
    }

    @GetMapping("/rules/{id}")
    Map<String, Object> get(@PathVariable String app, @PathVariable String env, @PathVariable String id) {
        return rules.view(rules.require(app, env, id));
    }

    @PutMapping("/rules/{id}")
    Map<String, Object> update(@PathVariable String app, @PathVariable String env, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        AlertRule rule = rules.update(app, env, id, RuleRequest.parse(body));
        audit.record("alert.rule.update", app + "/" + env, Map.of("rule", id, "expression", rule.expression(), "enabled", rule.enabled()));
        return rules.view(rule);
    }

    @DeleteMapping("/rules/{id}")
    ResponseEntity<Void> delete(@PathVariable String app, @PathVariable String env, @PathVariable String id) {
        rules.delete(app, env, id);
        audit.record("alert.rule.delete", app + "/" + env, Map.of("rule", id));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/builtin/{kind}")
    Map<String, Object> builtin(@PathVariable String app, @PathVariable String env, @PathVariable String kind,
            @RequestBody(required = false) JsonNode body) {
        if (body == null || !body.path("enabled").isBoolean()) {
            throw ApiException.invalid("invalid-builtin-alert-rule", "Send {\"enabled\": true} or {\"enabled\": false}.");
        }
        boolean enabled = body.get("enabled").asBoolean();
        rules.switchBuiltin(app, env, kind, enabled);
        audit.record("alert.builtin." + (enabled ? "enable" : "disable"), app + "/" + env, Map.of("kind", kind));
        return rules.builtinViews(app, env).stream().filter(v -> kind.equals(v.get("kind"))).findFirst().orElseThrow();
    }
}
