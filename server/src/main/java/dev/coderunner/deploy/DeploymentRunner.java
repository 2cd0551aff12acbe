package dev.coderunner.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.build.BuildResult;
import dev.coderunner.build.Builder;
import dev.coderunner.build.Manifest;
import dev.coderunner.config.ConfigService;
import dev.coderunner.config.ConfigSnapshot;
import dev.coderunner.release.Release;
import dev.coderunner.release.ReleaseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries one deployment through its phases: build (for uploads), release, start the new set,
 * wait for it to be healthy, switch traffic, retire the old set. A failure before the switch stops the
 * new set and leaves the running release serving.
 */
@Component
class DeploymentRunner {

    private static final Logger log = LoggerFactory.getLogger(DeploymentRunner.class);

    private final Deployments deployments;
    private final DeploymentLog deploymentLog;
    private final Builder builder;
    private final ReleaseService releases;
    private final ConfigService config;
    private final AppService apps;
    private final Rollout rollout;
    private final EnvLocks locks;
    private final CodeRunnerHome home;
    private final DeploySettingsService deploySettings;
    private final Strategies strategies;
    private final Cancellations cancels;
    private final dev.coderunner.events.EventBus bus;

    DeploymentRunner(Deployments deployments, DeploymentLog deploymentLog, Builder builder, ReleaseService releases, ConfigService config,
            AppService apps, Rollout rollout, EnvLocks locks, CodeRunnerHome home, DeploySettingsService deploySettings,
            Strategies strategies, Cancellations cancels, dev.coderunner.events.EventBus bus) {
        this.deployments = deployments;
        this.deploymentLog = deploymentLog;
        this.builder = builder;
        this.releases = releases;
        this.config = config;
        this.apps = apps;
        this.rollout = rollout;
        this.locks = locks;
        this.home = home;
        this.deploySettings = deploySettings;
        this.strategies = strategies;
        this.cancels = cancels;
        this.bus = bus;
    }

    /** What a queued deployment needs besides its row: the unpacked source and manifest, or the release to roll out. */
    record Work(Path source, Manifest manifest, Integer releaseToCopy) {
    }

    void run(Deployment deployment, Work work) {
        String id = deployment.id();
        try {
            Deployment d = deployments.require(id);
            if (d.phase().terminal()) {
                if (work.source() != null) {
                    DeploymentService.deleteTree(work.source());
                }
                return;
            }
            Release release = switch (d.kind()) {
                case "build" -> build(d, work);
                case "rollback" -> copyRelease(d, work.releaseToCopy(), "Rollback to v" + work.releaseToCopy());
                default -> releases.require(d.app(), d.env(), d.release());
            };
            if (release == null) {
                return;
            }
            d = deployments.withRelease(deployments.require(id), release.version());
            rollOut(d, release);
        } catch (RuntimeException e) {
            log.error("Deployment {} failed unexpectedly", id, e);
            deployments.fail(id, "internal error: " + e.getMessage());
        } finally {
            deploymentLog.close(id);
        }
    }

    private Release build(Deployment d, Work work) {
        d = deployments.move(d, DeploymentPhase.BUILDING, null);
        Path slug = home.dir("slugs", d.app(), d.env()).resolve(d.id());
        move(work.source(), slug);
        ConfigSnapshot snapshot = config.current(d.app(), d.env());
        deploymentLog.append(d.id(), "-----> Building " + d.app() + "/" + d.env() + " (detected " + work.manifest().stack() + ")");
        String deploymentId = d.id();
        BuildResult result = builder.build(slug, work.manifest(), snapshot.merged(), line -> deploymentLog.append(deploymentId, line));
        if (!result.succeeded()) {
            deploymentLog.append(d.id(), "-----> Build failed: " + result.reason());
            deployments.move(d, DeploymentPhase.FAILED, "build failed: " + result.reason());
            return null;
        }
        deploymentLog.append(d.id(), "-----> Build succeeded");
        if (cancels.isCancelled(d.id())) {
            deployments.move(d, DeploymentPhase.CANCELLED, cancels.reason(d.id()));
            return null;
        }
        Deployment built = d;
        return locks.with(d.app(), d.env(), () -> releases.create(built.app(), built.env(), releases.nextVersion(built.app(), built.env()),
                slug.toString(), snapshot, work.manifest(), "Deploy " + built.id(), built.id(), built.createdBy()));
    }

    private Release copyRelease(Deployment d, int version, String description) {
        Release source = releases.require(d.app(), d.env(), version);
        config.restore(d.app(), d.env(), source.config()); // the rolled-back config is the environment's config again
        return locks.with(d.app(), d.env(), () -> releases.create(d.app(), d.env(), releases.nextVersion(d.app(), d.env()), source.slug(),
                source.config(), source.manifest(), description, d.id(), d.createdBy()));
    }

    private void rollOut(Deployment deployment, Release release) {
        locks.with(deployment.app(), deployment.env(), () -> {
            if (cancels.isCancelled(deployment.id())) {
                deployments.move(deployments.require(deployment.id()), DeploymentPhase.CANCELLED, cancels.reason(deployment.id()));
                return;
            }
            Deployment d = deployments.move(deployment, DeploymentPhase.STARTING, null);
            Environment env = apps.requireEnvironment(d.app(), d.env());
            Map<String, Integer> formation = Rollout.formationFor(env.formation(), release.manifest());
            DeploySettings settings = deploySettings.effective(d.app(), d.env(), d.strategy());
            apps.setFormation(d.app(), d.env(), formation);
            apps.setDesiredState(d.app(), d.env(), Environment.DesiredState.RUNNING);
            String id = d.id();
            deploymentLog.append(id, "-----> Starting " + release.label() + " (" + settings.strategy() + "): " + describe(formation));
            Integer previous = env.shouldRun() ? env.currentRelease() : null;
            Strategies.Plan plan = new Strategies.Plan(release, previous, formation, settings, line -> deploymentLog.append(id, line),
                    () -> cancels.isCancelled(id), new ArrayList<>());
            d = deployments.move(d, DeploymentPhase.HEALTH_CHECKING, null);
            Optional<String> problem = strategies.run(plan);
            if (problem.isEmpty()) {
                d = deployments.move(deployments.require(id), DeploymentPhase.SWITCHING, null);
                deploymentLog.append(id, "-----> Done: " + release.label() + " deployed");
                deployments.move(d, DeploymentPhase.SUCCEEDED, null);
                return;
            }
            undo(d, plan, env, problem.get());
        });
    }

    /** The new release failed or was cancelled: bring the previous one back to full strength, then remove the new instances. */
    private void undo(Deployment d, Strategies.Plan plan, Environment before, String problem) {
        boolean cancelled = Rollout.CANCELLED.equals(problem);
        String reason = cancelled ? cancels.reason(d.id()) : problem;
        if (!cancelled) {
            rollout.recentOutput(plan.started()).forEach(line -> deploymentLog.append(d.id(), "       " + line));
        }
        if (plan.previous() == null) {
            rollout.retire(plan.started());
            apps.setDesiredState(d.app(), d.env(), before.desiredState());
            deploymentLog.append(d.id(), "-----> " + reason + "; nothing was running before, so nothing serves");
            deployments.move(d, cancelled ? DeploymentPhase.CANCELLED : DeploymentPhase.FAILED, reason);
            return;
        }
        Release previous = releases.require(d.app(), d.env(), plan.previous());
        deploymentLog.append(d.id(), "-----> " + reason + "; rolling back to " + previous.label());
        List<String> relaunched = rollout.refill(previous, before.formation());
        rollout.awaitReady(relaunched, plan.settings().readyTimeout(), line -> deploymentLog.append(d.id(), line), () -> false);
        rollout.switchTo(previous);
        rollout.retire(plan.started());
        apps.setFormation(d.app(), d.env(), before.formation());
        deploymentLog.append(d.id(), "-----> " + previous.label() + " is serving again");
        if (cancelled) {
            deployments.move(d, DeploymentPhase.CANCELLED, reason);
            return;
        }
        deployments.move(d, DeploymentPhase.ROLLED_BACK, reason);
        bus.publish("notifications", "deploy-rolled-back", Map.of("app", d.app(), "env", d.env(), "deployment", d.id(),
                "release", plan.next().version(), "restored", previous.version(), "reason", reason));
    }

    private static String describe(Map<String, Integer> formation) {
        return formation.isEmpty() ? "no processes" : String.join(", ", formation.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the source into its slug folder", e);
        }
    }
}
