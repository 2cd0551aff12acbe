package dev.coderunner.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.coderunner.Ids;
import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.build.Manifest;
import dev.coderunner.release.Release;
import dev.coderunner.release.ReleaseService;
import dev.coderunner.runtime.InstanceSupervisor;
import dev.coderunner.runtime.InstanceView;
import dev.coderunner.runtime.PortAllocator;
import org.springframework.stereotype.Component;

/**
 * Moves an environment's instances toward its spec: starts sets of instances for a release, waits for
 * them to be ready, switches traffic, retires what is no longer wanted. Callers hold the environment's lock.
 */
@Component
class Rollout {

    private final InstanceSupervisor supervisor;
    private final InstanceSpecs specs;
    private final PortAllocator ports;
    private final AppService apps;
    private final ReleaseService releases;
    private final Clock clock;

    Rollout(InstanceSupervisor supervisor, InstanceSpecs specs, PortAllocator ports, AppService apps, ReleaseService releases, Clock clock) {
        this.supervisor = supervisor;
        this.specs = specs;
        this.ports = ports;
        this.apps = apps;
        this.releases = releases;
        this.clock = clock;
    }

    /** The formation for a release: the environment's counts for known process types, the manifest's defaults for new ones. */
    static Map<String, Integer> formationFor(Map<String, Integer> current, Manifest manifest) {
        Map<String, Integer> formation = new LinkedHashMap<>();
        manifest.processes().forEach((type, process) -> formation.put(type, current.getOrDefault(type, process.instances())));
        return formation;
    }

    /** Starts {@code count} instances of each process type; returns their uids. */
    List<String> startSet(Release release, Map<String, Integer> formation) {
        List<String> uids = new ArrayList<>();
        formation.forEach((type, count) -> {
            for (int index = 1; index <= count; index++) {
                uids.add(launch(release, type, index));
            }
        });
        return uids;
    }

    private String launch(Release release, String type, int index) {
        String uid = Ids.newId("ins");
        int port = InstanceSpecs.routed(type) ? ports.allocate() : 0;
        supervisor.launch(specs.spec(release, type, index, uid, port), specs.health(release, type));
        return uid;
    }

    /**
     * Waits until every instance is ready (web healthy, others running); returns the reason when one
     * crashes, turns unhealthy, or the deadline passes.
     */
    Optional<String> awaitReady(List<String> uids, Duration timeout, Consumer<String> log) {
        Instant deadline = clock.instant().plus(timeout);
        Set<String> reported = new java.util.HashSet<>();
        while (true) {
            boolean allReady = true;
            for (String uid : uids) {
                InstanceView view = supervisor.instance(uid).orElse(null);
                if (view == null) {
                    return Optional.of("an instance disappeared during start-up");
                }
                switch (view.state()) {
                    case "crashed" -> {
                        return Optional.of(view.id() + " " + (view.reason() == null ? "crashed" : view.reason()) + " during start-up");
                    }
                    case "unhealthy" -> {
                        return Optional.of(view.id() + " failed its health check: " + view.reason());
                    }
                    case "healthy", "running" -> {
                        if (reported.add(uid)) {
                            log.accept("       " + view.id() + " is " + view.state() + " (pid " + view.pid() + (view.port() > 0 ? ", port " + view.port() : "") + ")");
                        }
                    }
                    default -> allReady = false;
                }
            }
            if (allReady) {
                return Optional.empty();
            }
            if (clock.instant().isAfter(deadline)) {
                return Optional.of("instances did not become healthy within " + timeout.toSeconds() + " s");
            }
            sleep(100);
        }
    }

    /** Points the environment (database and router) at {@code release}. */
    void switchTo(Release release) {
        apps.setCurrentRelease(release.app(), release.env(), release.version());
        supervisor.serve(release.app(), release.env(), release.version());
    }

    void retireAllExcept(String app, String env, List<String> keep) {
        supervisor.retire(supervisor.instances(app, env).stream().map(InstanceView::uid).filter(uid -> !keep.contains(uid)).toList());
    }

    void retire(List<String> uids) {
        supervisor.retire(uids);
    }

    List<String> recentOutput(List<String> uids) {
        List<String> out = new ArrayList<>();
        uids.forEach(uid -> out.addAll(supervisor.recentOutput(uid, 15)));
        return out;
    }

    /**
     * Brings the environment to its spec without a new release: the formation of its current release
     * running (missing instances started, extra ones retired), or nothing when it should not run.
     */
    void reconcile(Environment env) {
        if (!env.shouldRun()) {
            retireAllExcept(env.app(), env.name(), List.of());
            return;
        }
        Release release = releases.require(env.app(), env.name(), env.currentRelease());
        supervisor.serve(env.app(), env.name(), release.version());
        List<InstanceView> current = supervisor.instances(env.app(), env.name());
        List<String> unwanted = new ArrayList<>();
        current.stream().filter(i -> i.release() != release.version() || !env.formation().containsKey(i.processType())).forEach(i -> unwanted.add(i.uid()));
        env.formation().forEach((type, count) -> {
            List<InstanceView> ofType = current.stream().filter(i -> i.release() == release.version() && i.processType().equals(type))
                    .sorted(Comparator.comparing(i -> Integer.parseInt(i.id().substring(i.id().lastIndexOf('.') + 1)))).toList();
            Set<Integer> present = new java.util.HashSet<>();
            for (InstanceView i : ofType) {
                int index = Integer.parseInt(i.id().substring(i.id().lastIndexOf('.') + 1));
                if (index > count || !present.add(index)) {
                    unwanted.add(i.uid());
                }
            }
            for (int index = 1; index <= count; index++) {
                if (!present.contains(index) && release.manifest().processes().containsKey(type)) {
                    launch(release, type, index);
                }
            }
        });
        supervisor.retire(unwanted);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
