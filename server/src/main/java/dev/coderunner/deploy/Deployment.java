package dev.coderunner.deploy;

import java.time.Instant;

/**
 * One rollout of a release into an environment. {@code kind}: build (from an uploaded source),
 * rollback, config (a config change) or restart. {@code release} is set once the release exists.
 */
public record Deployment(String id, String app, String env, String kind, DeploymentPhase phase, Integer release, Integer sourceRelease,
        String reason, String idempotencyKey, Instant createdAt, Instant updatedAt, Instant finishedAt, String createdBy) {

    public Deployment moved(DeploymentPhase next, String why, Instant now) {
        return new Deployment(id, app, env, kind, next, release, sourceRelease, why == null ? reason : why, idempotencyKey, createdAt, now,
                next.terminal() ? now : finishedAt, createdBy);
    }

    public Deployment withRelease(int version) {
        return new Deployment(id, app, env, kind, phase, version, sourceRelease, reason, idempotencyKey, createdAt, updatedAt, finishedAt,
                createdBy);
    }
}
