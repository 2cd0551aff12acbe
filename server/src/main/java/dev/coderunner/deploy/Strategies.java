package dev.coderunner.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.coderunner.app.AppService;
import dev.coderunner.release.Release;
import dev.coderunner.runtime.InstanceView;
import org.springframework.stereotype.Component;

/**
 * The two ways a new release replaces the running one. Both leave traffic on healthy instances at every
 * moment; both report the problem that stopped them, after which the caller restores the previous release.
 */
@Component
class Strategies {

    /** One rollout in progress: what to start, how, and the uids started so far (for clean-up). */
    record Plan(Release next, Integer previous, Map<String, Integer> formation, DeploySettings settings, Consumer<String> log,
            BooleanSupplier cancelled, List<String> started) {
    }

    private final Rollout rollout;
    private final AppService apps;
    private final EnvLocks locks;
    private final ScheduledExecutorService warmTimers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

    Strategies(Rollout rollout, AppService apps, EnvLocks locks) {
        this.rollout = rollout;
        this.apps = apps;
        this.locks = locks;
    }

    Optional<String> run(Plan plan) {
        return DeploySettings.BLUE_GREEN.equals(plan.settings().strategy()) ? blueGreen(plan) : rolling(plan);
    }

    /**
     * Replaces instances a batch at a time: start up to maxSurge new ones (plus as many as were
     * retired up front within maxUnavailable), wait until they are ready, then retire as many old ones.
     * Old and new releases both receive traffic meanwhile.
     */
    private Optional<String> rolling(Plan plan) {
        Release next = plan.next();
        String app = next.app();
        String env = next.env();
        rollout.serve(app, env, plan.previous() == null ? new Integer[] {next.version()} : new Integer[] {plan.previous(), next.version()});
        Map<String, List<InstanceView>> others = rollout.others(app, env, next.version());
        for (Map.Entry<String, Integer> entry : plan.formation().entrySet()) {
            String type = entry.getKey();
            int target = entry.getValue();
            List<InstanceView> old = new ArrayList<>(others.getOrDefault(type, List.of()));
            old.sort(Comparator.comparing(InstanceView::id));
            int started = 0;
            while (started < target) {
                List<String> retiredFirst = take(old, Math.min(plan.settings().maxUnavailable(), target - started));
                rollout.retire(retiredFirst);
                int batch = Math.max(1, Math.min(target - started, plan.settings().maxSurge() + retiredFirst.size()));
                List<String> uids = new ArrayList<>();
                for (int k = 0; k < batch; k++) {
                    uids.add(rollout.launch(next, type, ++started));
                }
                plan.started().addAll(uids);
                plan.log().accept("       " + type + ": started " + batch + " new, " + (target - started) + " to go");
                Optional<String> problem = rollout.awaitReady(uids, plan.settings().readyTimeout(), plan.log(), plan.cancelled());
                if (problem.isPresent()) {
                    return problem;
                }
                rollout.retire(take(old, Math.max(0, batch - retiredFirst.size())));
            }
            rollout.retire(take(old, old.size()));
        }
        rollout.switchTo(next);
        rollout.retireAllExcept(app, env, plan.started());
        return Optional.empty();
    }

    /** Starts the whole new set, switches at once, and keeps the old set warm (unrouted) for keepWarm. */
    private Optional<String> blueGreen(Plan plan) {
        Release next = plan.next();
        plan.started().addAll(rollout.startSet(next, plan.formation()));
        Optional<String> problem = rollout.awaitReady(plan.started(), plan.settings().readyTimeout(), plan.log(), plan.cancelled());
        if (problem.isPresent()) {
            return problem;
        }
        rollout.switchTo(next);
        Duration warm = plan.settings().keepWarm();
        if (warm.isZero()) {
            rollout.retireAllExcept(next.app(), next.env(), plan.started());
        } else {
            plan.log().accept("       keeping the previous instances warm for " + warm.toSeconds() + " s");
            warmTimers.schedule(() -> retireIfStillCurrent(next), warm.toMillis(), TimeUnit.MILLISECONDS);
        }
        return Optional.empty();
    }

    private void retireIfStillCurrent(Release release) {
        locks.with(release.app(), release.env(), () -> {
            Integer current = apps.requireEnvironment(release.app(), release.env()).currentRelease();
            if (current != null && current == release.version()) {
                rollout.retire(rollout.others(release.app(), release.env(), release.version()).values().stream()
                        .flatMap(List::stream).map(InstanceView::uid).toList());
            }
        });
    }

    private static List<String> take(List<InstanceView> from, int count) {
        List<String> taken = new ArrayList<>();
        for (int k = 0; k < count && !from.isEmpty(); k++) {
            taken.add(from.removeLast().uid());
        }
        return taken;
    }
}
