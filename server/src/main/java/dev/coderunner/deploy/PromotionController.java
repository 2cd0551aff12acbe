package dev.coderunner.deploy;

import dev.coderunner.audit.AuditLog;
import dev.coderunner.config.ConfigService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST …/envs/{to}/promote {"from":"staging","release":3?}}: the same build, the target's config. */
@RestController
class PromotionController {

    private final DeploymentService deployments;
    private final ConfigService config;
    private final AuditLog audit;

    PromotionController(DeploymentService deployments, ConfigService config, AuditLog audit) {
        this.deployments = deployments;
        this.config = config;
        this.audit = audit;
    }

    record PromoteRequest(@NotNull String from, Integer release) {
    }

    @PostMapping("/api/v1/apps/{app}/envs/{to}/promote")
    ResponseEntity<DeploymentView> promote(@PathVariable String app, @PathVariable String to, @Valid @RequestBody PromoteRequest request) {
        DeploymentView d = deployments.promote(app, request.from(), request.release(), to, config.current(app, to));
        audit.record("release.promote", app + "/" + to, java.util.Map.of("from", request.from(), "release", d.release()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(d);
    }
}
