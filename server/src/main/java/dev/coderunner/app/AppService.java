package dev.coderunner.app;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.auth.Principal;
import dev.coderunner.events.EventBus;
import dev.coderunner.web.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Apps and their environments: the spec side (what should run), never the observed side. */
@Service
public class AppService {

    public static final String DEFAULT_ENV = "production";

    private final AppStore store;
    private final Clock clock;
    private final EventBus bus;
    private final ApplicationEventPublisher events;

    AppService(AppStore store, Clock clock, EventBus bus, ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.bus = bus;
        this.events = events;
    }

    /** Creates an app with its {@code production} environment. */
    @Transactional
    public App create(String name) {
        Names.requireApp(name);
        App app = new App(name, clock.instant(), Principal.current().username());
        try {
            store.insert(app);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("app-exists", "An app named '" + name + "' already exists.");
        }
        store.insert(newEnvironment(name, DEFAULT_ENV));
        events.publishEvent(new AppEvents.AppCreated(name));
        bus.publish("apps", "app-created", Map.of("name", name));
        return app;
    }

    @Transactional
    public Environment createEnvironment(String app, String name) {
        require(app);
        Names.requireEnv(name);
        if (store.environment(app, name).isPresent()) {
            throw ApiException.conflict("environment-exists", "App '" + app + "' already has an environment named '" + name + "'.");
        }
        Environment env = newEnvironment(app, name);
        store.insert(env);
        bus.publish("apps", "environment-created", Map.of("app", app, "name", name));
        return env;
    }

    public App require(String name) {
        Names.requireApp(name);
        return store.find(name).orElseThrow(() -> ApiException.notFound("app", name));
    }

    public Environment requireEnvironment(String app, String env) {
        require(app);
        Names.requireEnv(env);
        return store.environment(app, env).orElseThrow(() -> ApiException.notFound("environment", app + "/" + env));
    }

    public List<App> list(String cursor, int limit) {
        return store.list(cursor, limit);
    }

    /** Apps in name order after {@code cursor}, only those in {@code only} (all when null). */
    public List<App> list(String cursor, int limit, java.util.Set<String> only) {
        return only == null ? store.list(cursor, limit) : store.list(cursor, limit, only);
    }

    public List<Environment> environments(String app) {
        return store.environments(app);
    }

    public List<Environment> allEnvironments() {
        return store.allEnvironments();
    }

    public void setCurrentRelease(String app, String env, int version) {
        store.setCurrentRelease(app, env, version);
    }

    public void setFormation(String app, String env, Map<String, Integer> formation) {
        store.setFormation(app, env, formation);
    }

    public void setDesiredState(String app, String env, Environment.DesiredState state) {
        store.setDesiredState(app, env, state);
    }

    /** Stops everything the app runs, then deletes it with its environments, releases and deployments. */
    public void delete(String name) {
        require(name);
        events.publishEvent(new AppEvents.AppDeleting(name));
        store.delete(name);
        bus.publish("apps", "app-deleted", Map.of("name", name));
    }

    private Environment newEnvironment(String app, String name) {
        return new Environment(app, name, clock.instant(), null, new LinkedHashMap<>(), Environment.DesiredState.RUNNING);
    }
}
