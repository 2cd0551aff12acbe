package dev.coderunner.deploy;

import java.time.Duration;

import dev.coderunner.app.AppService;
import dev.coderunner.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Each environment's deploy strategy: stored settings, or the defaults (rolling, surge 1, nothing unavailable). */
@Service
public class DeploySettingsService {

    private final DeploySettingsStore store;
    private final AppService apps;
    private final Duration defaultReadyTimeout;

    DeploySettingsService(DeploySettingsStore store, AppService apps,
            @Value("${coderunner.deploy.ready-timeout:90s}") Duration defaultReadyTimeout) {
        this.store = store;
        this.apps = apps;
        this.defaultReadyTimeout = defaultReadyTimeout;
    }

    public DeploySettings get(String app, String env) {
        apps.requireEnvironment(app, env);
        return store.find(app, env).orElse(DeploySettings.defaults(defaultReadyTimeout));
    }

    public DeploySettings update(String app, String env, DeploySettings settings) {
        apps.requireEnvironment(app, env);
        store.save(app, env, settings.validated());
        return settings;
    }

    /** The settings one deployment uses: the environment's, with the strategy it was started with. */
    DeploySettings effective(String app, String env, String strategy) {
        DeploySettings s = get(app, env);
        return strategy == null ? s : new DeploySettings(strategy, s.maxSurge(), s.maxUnavailable(), s.keepWarmSeconds(), s.readyTimeoutSeconds());
    }

    /** Checks a strategy asked for on one deployment ({@code ?strategy=}); null keeps the environment's. */
    static String checkStrategy(String strategy) {
        if (strategy == null || strategy.equals(DeploySettings.ROLLING) || strategy.equals(DeploySettings.BLUE_GREEN)) {
            return strategy;
        }
        throw ApiException.badRequest("invalid-strategy", "strategy must be 'rolling' or 'blue-green'; got '" + strategy + "'.");
    }
}
