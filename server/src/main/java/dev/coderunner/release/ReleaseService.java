package dev.coderunner.release;

import java.time.Clock;
import java.util.List;

import dev.coderunner.build.Manifest;
import dev.coderunner.config.ConfigSnapshot;
import dev.coderunner.web.ApiException;
import org.springframework.stereotype.Service;

/** Creates and reads releases. Releases are never changed once written. */
@Service
public class ReleaseService {

    private final ReleaseStore store;
    private final Clock clock;

    ReleaseService(ReleaseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The version the next release of this environment will get. Callers serialise per environment. */
    public int nextVersion(String app, String env) {
        return store.latestVersion(app, env) + 1;
    }

    public Release create(String app, String env, int version, String slug, ConfigSnapshot config, Manifest manifest,
            String description, String deploymentId, String createdBy) {
        Release release = new Release(app, env, version, slug, config, manifest, description, deploymentId,
                clock.instant(), createdBy);
        store.insert(release);
        return release;
    }

    public Release require(String app, String env, int version) {
        return store.find(app, env, version)
                .orElseThrow(() -> ApiException.notFound("release", app + "/" + env + " v" + version));
    }

    public java.util.Optional<Release> find(String app, String env, Integer version) {
        return version == null ? java.util.Optional.empty() : store.find(app, env, version);
    }

    public List<Release> list(String app, String env, Integer beforeVersion, int limit) {
        return store.list(app, env, beforeVersion == null ? Integer.MAX_VALUE : beforeVersion, limit);
    }

    public List<String> slugs(String app) {
        return store.slugs(app);
    }
}
