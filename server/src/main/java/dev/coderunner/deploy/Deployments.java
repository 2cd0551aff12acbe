package dev.coderunner.deploy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.coderunner.events.EventBus;
import dev.coderunner.web.ApiException;
import org.springframework.stereotype.Component;

/** Deployment rows plus their phase moves: each move is checked, stored, logged and published. */
@Component
class Deployments {

    private final DeploymentStore store;
    private final EventBus bus;
    private final Clock clock;

    Deployments(DeploymentStore store, EventBus bus, Clock clock) {
        this.store = store;
        this.bus = bus;
        this.clock = clock;
    }

    Deployment create(Deployment d) {
        store.insert(d);
        publish(d);
        return d;
    }

    Deployment move(Deployment d, DeploymentPhase next, String reason) {
        if (!d.phase().canMoveTo(next)) {
            throw new IllegalStateException("deployment " + d.id() + " cannot move from " + d.phase() + " to " + next);
        }
        Deployment moved = d.moved(next, reason, clock.instant());
        store.update(moved);
        publish(moved);
        return moved;
    }

    Deployment withRelease(Deployment d, int version) {
        Deployment updated = d.withRelease(version);
        store.update(updated);
        publish(updated);
        return updated;
    }

    /** Ends a deployment as failed from whatever phase it is in (unless it already ended). */
    void fail(String id, String reason) {
        store.find(id).filter(d -> !d.phase().terminal()).ifPresent(d -> move(d, DeploymentPhase.FAILED, reason));
    }

    Deployment require(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("deployment", id));
    }

    Optional<Deployment> byIdempotencyKey(String app, String env, String key) {
        return store.findByIdempotencyKey(app, env, key);
    }

    List<Deployment> list(String app, String env, Instant before, int limit) {
        return store.list(app, env, before, limit);
    }

    Optional<Deployment> latest(String app, String env) {
        return store.latest(app, env);
    }

    List<Deployment> unfinished() {
        return store.unfinished();
    }

    private void publish(Deployment d) {
        DeploymentView view = DeploymentView.of(d);
        bus.publish("deployments:" + d.app() + "/" + d.env(), "deployment", view);
        bus.publish("deployment:" + d.id(), "phase", view);
    }
}
