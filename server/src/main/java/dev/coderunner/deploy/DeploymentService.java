package dev.coderunner.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.Ids;
import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.auth.Principal;
import dev.coderunner.build.BuildDetector;
import dev.coderunner.build.Manifest;
import dev.coderunner.files.ArchiveExtractor;
import dev.coderunner.files.ArchiveFormat;
import dev.coderunner.release.ReleaseService;
import dev.coderunner.web.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts deployments (uploads, rollbacks, restarts, config changes) and runs them one at a time per
 * environment, in the order they arrived. Bad input is refused before anything is stored.
 */
@Service
public class DeploymentService {

    private final AppService apps;
    private final ReleaseService releases;
    private final ArchiveExtractor extractor;
    private final BuildDetector detector;
    private final Deployments deployments;
    private final DeploymentRunner runner;
    private final DeploymentLog deploymentLog;
    private final EnvLocks locks;
    private final CodeRunnerHome home;
    private final Clock clock;
    private final Cancellations cancels;
    private final Map<String, ExecutorService> queues = new ConcurrentHashMap<>();
    /** The ids of the deployments waiting in each environment's queue ("app/env"), until they start or are cancelled. */
    private final Map<String, Set<String>> waiting = new ConcurrentHashMap<>();
    private final int maxWaiting;

    DeploymentService(AppService apps, ReleaseService releases, ArchiveExtractor extractor, BuildDetector detector, Deployments deployments,
            DeploymentRunner runner, DeploymentLog deploymentLog, EnvLocks locks, CodeRunnerHome home, Clock clock, Cancellations cancels,
            MeterRegistry meters, @Value("${coderunner.deploy.max-queued-per-environment:20}") int maxWaiting) {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("coderunner.deploy.max-queued-per-environment must be at least 1, not " + maxWaiting);
        }
        this.maxWaiting = maxWaiting;
        this.apps = apps;
        this.releases = releases;
        this.extractor = extractor;
        this.detector = detector;
        this.deployments = deployments;
        this.runner = runner;
        this.deploymentLog = deploymentLog;
        this.locks = locks;
        this.home = home;
        this.clock = clock;
        this.cancels = cancels;
        Gauge.builder("coderunner.deployments.queued", waiting, all -> all.values().stream().mapToInt(Set::size).sum())
                .description("Deployments waiting for the one before them in their environment to end")
                .register(meters);
    }

    /** Unpacks and checks an uploaded source, then queues its build and rollout. */
    public DeploymentView upload(String app, String env, InputStream body, ArchiveFormat format, String idempotencyKey, String strategy) {
        DeploySettingsService.checkStrategy(strategy);
        apps.requireEnvironment(app, env);
        Optional<Deployment> earlier = idempotent(app, env, idempotencyKey);
        if (earlier.isPresent()) {
            return DeploymentView.of(earlier.get());
        }
        requireRoom(app, env, true);
        String id = Ids.newId("dep");
        Path source = home.dir("sources").resolve(id);
        extractor.extract(body, format, source);
        Manifest manifest;
        try {
            manifest = detector.detect(source);
        } catch (RuntimeException e) {
            deleteTree(source);
            throw e;
        }
        Deployment d = deployments.create(newDeployment(id, app, env, "build", null, null, idempotencyKey, strategy));
        deploymentLog.append(id, "-----> Received source for " + app + "/" + env + " (" + manifest.stack() + ")");
        supersedeQueuedBuilds(d);
        enqueue(d, new DeploymentRunner.Work(source, manifest, null));
        return DeploymentView.of(d);
    }

    /** Deploys an earlier release again, as a new release with the same slug and config. */
    public DeploymentView rollback(String app, String env, int version, String idempotencyKey, String strategy) {
        DeploySettingsService.checkStrategy(strategy);
        apps.requireEnvironment(app, env);
        releases.require(app, env, version);
        Optional<Deployment> earlier = idempotent(app, env, idempotencyKey);
        if (earlier.isPresent()) {
            return DeploymentView.of(earlier.get());
        }
        requireRoom(app, env, false);
        Deployment d = deployments.create(newDeployment(Ids.newId("dep"), app, env, "rollback", null, version, idempotencyKey, strategy));
        enqueue(d, new DeploymentRunner.Work(null, null, version));
        return DeploymentView.of(d);
    }

    /** Replaces every instance of the current release with fresh ones, without downtime. */
    public DeploymentView restart(String app, String env) {
        Environment e = apps.requireEnvironment(app, env);
        if (e.currentRelease() == null) {
            throw ApiException.conflict("no-release", app + "/" + env + " has nothing deployed yet.");
        }
        requireRoom(app, env, false);
        Deployment d = deployments.create(newDeployment(Ids.newId("dep"), app, env, "restart", e.currentRelease(), e.currentRelease(), null, null));
        enqueue(d, new DeploymentRunner.Work(null, null, null));
        return DeploymentView.of(d);
    }

    /**
     * After a config change: a new release with the current slug and the new config, rolled out like a
     * deploy. Empty when nothing was deployed yet (the config applies to the first deploy).
     */
    public Optional<DeploymentView> releaseConfig(String app, String env, dev.coderunner.config.ConfigSnapshot config, String description) {
        Environment e = apps.requireEnvironment(app, env);
        if (e.currentRelease() == null) {
            return Optional.empty();
        }
        String id = Ids.newId("dep");
        var current = releases.require(app, env, e.currentRelease());
        var release = locks.with(app, env, () -> releases.create(app, env, releases.nextVersion(app, env), current.slug(), config,
                current.manifest(), description, id, Principal.current().username()));
        Deployment d = deployments.create(newDeployment(id, app, env, "config", release.version(), current.version(), null, null));
        enqueue(d, new DeploymentRunner.Work(null, null, null));
        return Optional.of(DeploymentView.of(d));
    }

    /**
     * Promotes a release of environment {@code from} into {@code to} without rebuilding: a new release of
     * {@code to} with the source's slug and manifest and {@code to}'s own config, rolled out like a deploy.
     */
    public DeploymentView promote(String app, String from, Integer version, String to, dev.coderunner.config.ConfigSnapshot config) {
        Environment source = apps.requireEnvironment(app, from);
        Environment target = apps.requireEnvironment(app, to);
        if (from.equals(to)) {
            throw ApiException.badRequest("invalid-promotion", "Promote from one environment to another; both are '" + to + "'.");
        }
        Integer v = version != null ? version : source.currentRelease();
        if (v == null) {
            throw ApiException.conflict("no-release", app + "/" + from + " has nothing deployed to promote.");
        }
        var promoted = releases.require(app, from, v);
        requireRoom(app, to, false);
        String id = Ids.newId("dep");
        var release = locks.with(app, to, () -> releases.create(app, to, releases.nextVersion(app, to), promoted.slug(), config,
                promoted.manifest(), "Promote " + from + " " + promoted.label(), id, Principal.current().username()));
        Deployment d = deployments.create(newDeployment(id, app, to, "promote", release.version(), target.currentRelease(), null, null));
        deploymentLog.append(id, "-----> Promoting " + app + "/" + from + " " + promoted.label() + " to " + to + " as " + release.label());
        enqueue(d, new DeploymentRunner.Work(null, null, null));
        return DeploymentView.of(d);
    }

    public DeploymentView get(String id) {
        return DeploymentView.of(deployments.require(id));
    }

    public List<DeploymentView> list(String app, String env, Instant before, int limit) {
        apps.requireEnvironment(app, env);
        return deployments.list(app, env, before, limit).stream().map(DeploymentView::of).toList();
    }

    public Optional<DeploymentView> latest(String app, String env) {
        return deployments.latest(app, env).map(DeploymentView::of);
    }

    List<DeploymentLog.Line> log(String id) {
        deployments.require(id);
        return deploymentLog.read(id);
    }

    /** Deployments a previous control plane left unfinished cannot be resumed safely: end them clearly. */
    void failUnfinished() {
        // Sources of builds that never started are of no use any more.
        deleteTree(home.root().resolve("sources"));
        deployments.unfinished().forEach(d -> {
            deploymentLog.append(d.id(), "-----> The control plane restarted during this deployment; it was stopped. Deploy again.");
            deployments.fail(d.id(), "the control plane restarted during the deployment");
        });
    }

    private Optional<Deployment> idempotent(String app, String env, String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.length() > 200) {
            throw ApiException.badRequest("invalid-idempotency-key", "Idempotency-Key is at most 200 characters.");
        }
        return deployments.byIdempotencyKey(app, env, key);
    }

    private Deployment newDeployment(String id, String app, String env, String kind, Integer release, Integer sourceRelease, String key,
            String strategy) {
        Instant now = clock.instant();
        return new Deployment(id, app, env, kind, DeploymentPhase.QUEUED, release, sourceRelease, null, key == null || key.isBlank() ? null : key,
                now, now, null, Principal.current().username(), strategy, List.of(new Deployment.PhaseTime(DeploymentPhase.QUEUED.wire(), now)));
    }

    /**
     * Cancels a deployment: a queued one ends at once; a running one stops at its next step (after the
     * current build command, or while waiting for instances) and the previous release is restored.
     */
    public DeploymentView cancel(String id) {
        Deployment d = deployments.require(id);
        if (d.phase().terminal()) {
            throw ApiException.conflict("deployment-finished", "Deployment " + id + " already ended (" + d.phase().wire() + ").");
        }
        String reason = "cancelled by " + Principal.current().username();
        cancels.cancel(id, reason);
        if (d.phase() == DeploymentPhase.QUEUED) {
            stopWaiting(d);
            deploymentLog.append(id, "-----> " + reason);
            return DeploymentView.of(deployments.move(d, DeploymentPhase.CANCELLED, reason));
        }
        deploymentLog.append(id, "-----> " + reason + "; stopping at the next step");
        return DeploymentView.of(deployments.require(id));
    }

    /** A newer upload makes older builds still waiting in the queue pointless: they end as cancelled. */
    private void supersedeQueuedBuilds(Deployment newest) {
        deployments.unfinished().stream()
                .filter(d -> d.app().equals(newest.app()) && d.env().equals(newest.env()) && !d.id().equals(newest.id()))
                .filter(d -> d.phase() == DeploymentPhase.QUEUED && d.kind().equals("build"))
                .forEach(d -> {
                    String reason = "superseded by " + newest.id();
                    cancels.cancel(d.id(), reason);
                    stopWaiting(d);
                    deploymentLog.append(d.id(), "-----> " + reason);
                    deployments.move(d, DeploymentPhase.CANCELLED, reason);
                });
    }

    /**
     * Refuses a deployment (429, nothing changed) when its environment already has the maximum waiting
     * ({@code coderunner.deploy.max-queued-per-environment}). An upload replaces the builds waiting before it, so
     * those do not count against it. A config change's release is never refused: the change is already saved.
     */
    private void requireRoom(String app, String env, boolean upload) {
        Set<String> ids = waiting.getOrDefault(app + "/" + env, Set.of());
        long count = upload ? ids.size() - waitingBuilds(app, env) : ids.size();
        if (count >= maxWaiting) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-queued-deployments", app + "/" + env + " already has "
                    + ids.size() + " deployments waiting (at most " + maxWaiting + "); wait for them to run or cancel one.");
        }
    }

    private long waitingBuilds(String app, String env) {
        return deployments.unfinished().stream()
                .filter(d -> d.app().equals(app) && d.env().equals(env) && d.phase() == DeploymentPhase.QUEUED && d.kind().equals("build"))
                .count();
    }

    private void stopWaiting(Deployment d) {
        Set<String> ids = waiting.get(d.app() + "/" + d.env());
        if (ids != null) {
            ids.remove(d.id());
        }
    }

    private void enqueue(Deployment d, DeploymentRunner.Work work) {
        String key = d.app() + "/" + d.env();
        waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(d.id());
        queues.computeIfAbsent(key, k -> Executors.newSingleThreadExecutor(Thread.ofVirtual().name("deploy-" + k).factory()))
                .submit(() -> {
                    stopWaiting(d);
                    runner.run(d, work);
                });
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
