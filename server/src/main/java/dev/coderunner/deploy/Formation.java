package dev.coderunner.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.app.AppEvents;
import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.release.Release;
import dev.coderunner.release.ReleaseService;
import dev.coderunner.runtime.InstanceHandle;
import dev.coderunner.runtime.InstanceSpec;
import dev.coderunner.runtime.InstanceSupervisor;
import dev.coderunner.runtime.Runtime;
import dev.coderunner.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

/**
 * How many instances of each process type run (scale), whether an environment runs at all
 * (start/stop), and bringing the instances back in line with that after a control-plane restart.
 */
@Service
public class Formation {

    private static final Logger log = LoggerFactory.getLogger(Formation.class);

    private final AppService apps;
    private final ReleaseService releases;
    private final Rollout rollout;
    private final EnvLocks locks;
    private final Runtime runtime;
    private final InstanceSupervisor supervisor;
    private final InstanceSpecs specs;
    private final DeploymentService deployments;
    private final CodeRunnerHome home;
    private final int maxInstances;

    Formation(AppService apps, ReleaseService releases, Rollout rollout, EnvLocks locks, Runtime runtime, InstanceSupervisor supervisor,
            InstanceSpecs specs, DeploymentService deployments, CodeRunnerHome home,
            @Value("${coderunner.runtime.max-instances-per-process-type:20}") int maxInstances) {
        this.apps = apps;
        this.releases = releases;
        this.rollout = rollout;
        this.locks = locks;
        this.runtime = runtime;
        this.supervisor = supervisor;
        this.specs = specs;
        this.deployments = deployments;
        this.home = home;
        this.maxInstances = maxInstances;
    }

    /** Sets instance counts for the named process types; starts or stops instances right away. */
    public Map<String, Integer> scale(String app, String env, Map<String, Integer> counts) {
        return locks.with(app, env, () -> {
            Environment e = apps.requireEnvironment(app, env);
            if (e.currentRelease() == null) {
                throw ApiException.conflict("no-release", app + "/" + env + " has nothing deployed yet; deploy before scaling.");
            }
            Release release = releases.require(app, env, e.currentRelease());
            if (counts == null || counts.isEmpty()) {
                throw ApiException.badRequest("invalid-scale", "Give at least one process type and count, e.g. {\"web\": 2}.");
            }
            Map<String, Integer> formation = new LinkedHashMap<>(e.formation());
            counts.forEach((type, count) -> {
                if (!release.manifest().processes().containsKey(type)) {
                    throw ApiException.invalid("unknown-process-type", "No process type '" + type + "' in " + release.label()
                            + "; known: " + String.join(", ", release.manifest().processes().keySet()) + ".");
                }
                if (count == null || count < 0 || count > maxInstances) {
                    throw ApiException.invalid("invalid-scale", "Instance counts are 0 to " + maxInstances + "; got " + count + " for " + type + ".");
                }
                formation.put(type, count);
            });
            apps.setFormation(app, env, formation);
            rollout.reconcile(apps.requireEnvironment(app, env));
            return formation;
        });
    }

    public void start(String app, String env) {
        setState(app, env, Environment.DesiredState.RUNNING);
    }

    public void stop(String app, String env) {
        setState(app, env, Environment.DesiredState.STOPPED);
    }

    private void setState(String app, String env, Environment.DesiredState state) {
        locks.with(app, env, () -> {
            if (state == Environment.DesiredState.RUNNING && apps.requireEnvironment(app, env).currentRelease() == null) {
                throw ApiException.conflict("no-release", app + "/" + env + " has nothing deployed yet.");
            }
            apps.setDesiredState(app, env, state);
            rollout.reconcile(apps.requireEnvironment(app, env));
        });
    }

    /** On start: end interrupted deployments, re-adopt the instances still running, then reconcile every environment. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void recover() {
        deployments.failUnfinished();
        int adopted = 0;
        for (InstanceHandle handle : runtime.adopt()) {
            InstanceSpec found = handle.spec();
            var release = releases.find(found.app(), found.env(), found.release());
            if (release.isEmpty()) {
                handle.stop(Duration.ofSeconds(10));
                runtime.forget(found);
                continue;
            }
            supervisor.adopt(handle, specs.spec(release.get(), found.processType(), found.index(), found.uid(), found.port()),
                    specs.health(release.get(), found.processType()));
            adopted++;
        }
        for (Environment env : apps.allEnvironments()) {
            locks.with(env.app(), env.name(), () -> rollout.reconcile(env));
        }
        log.info("Re-adopted {} running instance(s)", adopted);
    }

    @EventListener
    void appDeleting(AppEvents.AppDeleting event) {
        for (Environment env : apps.environments(event.app())) {
            locks.with(env.app(), env.name(), () -> supervisor.retireEnvironment(env.app(), env.name()));
        }
        DeploymentService.deleteTree(home.root().resolve("slugs").resolve(event.app()));
    }
}
