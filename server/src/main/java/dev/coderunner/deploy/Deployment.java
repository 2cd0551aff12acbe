package dev.coderunner.deploy;

import java.time.Instant;

/**
 * One rollout of a release into an environment. {@code kind}: build (from an uploaded source),
 * rollback, config (a config change) or restart. {@code release} is set once the release exists.
 */
public record Deployment(String id, String app, String env, String kind, DeploymentPhase phase, Integer release, Integer sourceRelease,
        String reason, String idempotencyKey, Instant createdAt, Instant updatedAt, Instant finishedAt, String createdBy, String strategy,
        java.util.List<PhaseTime> phases) {

    /** When a phase began. */
    public record PhaseTime(String phase, Instant at) {
    }

    public Deployment moved(DeploymentPhase next, String why, Instant now) {
        return new Deployment(id, app, env, kind, next, release, sourceRelease, why == null ? reason : why, idempotencyKey, createdAt, now,
                next.terminal() ? now : finishedAt, createdBy, strategy, append(phases, new PhaseTime(next.wire(), now)));
    }

    private static java.util.List<PhaseTime> append(java.util.List<PhaseTime> list, PhaseTime next) {
        java.util.List<PhaseTime> out = new java.util.ArrayList<>(list == null ? java.util.List.of() : list);
        out.add(next);
        return java.util.List.copyOf(out);
    }

    public Deployment withRelease(int version) {
        return new Deployment(id, app, env, kind, phase, version, sourceRelease, reason, idempotencyKey, createdAt, updatedAt, finishedAt,
                createdBy, strategy, phases);
    }
}
