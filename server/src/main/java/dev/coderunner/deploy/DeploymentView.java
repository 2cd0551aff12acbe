package dev.coderunner.deploy;

import java.time.Instant;

/** A deployment as the API shows it ({@code status} is the phase's wire name). */
public record DeploymentView(String id, String app, String env, String kind, String status, Integer release, Integer sourceRelease,
        String reason, Instant createdAt, Instant updatedAt, Instant finishedAt, String createdBy, String strategy,
        java.util.List<Deployment.PhaseTime> phases) {

    static DeploymentView of(Deployment d) {
        return new DeploymentView(d.id(), d.app(), d.env(), d.kind(), d.phase().wire(), d.release(), d.sourceRelease(), d.reason(),
                d.createdAt(), d.updatedAt(), d.finishedAt(), d.createdBy(), d.strategy(), d.phases());
    }
}
