package dev.coderunner.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coderunner.app.AppService;
import dev.coderunner.release.Release;
import dev.coderunner.release.ReleaseService;
import dev.coderunner.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The config history of an environment: its releases, newest first, each with who made it, when, and what its
 * config changed compared with the release before (secrets masked). Paged like every list.
 */
@RestController
@RequestMapping("/api/v1/apps/{app}/envs/{env}/config/history")
class ConfigHistoryController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final AppService apps;
    private final ReleaseService releases;

    ConfigHistoryController(AppService apps, ReleaseService releases) {
        this.apps = apps;
        this.releases = releases;
    }

    /** One release's place in the config history; {@code changes} is empty when it kept the config as it was. */
    record Entry(int version, String createdAt, String createdBy, String description, String deploymentId, boolean current,
            List<ConfigDiff.Change> changes) {
    }

    @GetMapping
    Map<String, Object> history(@PathVariable String app, @PathVariable String env, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        Integer current = apps.requireEnvironment(app, env).currentRelease();
        int n = limit(limit);
        // One more than the page: it tells whether there is a next page and is the base of the page's oldest diff.
        List<Release> page = releases.list(app, env, before(cursor), n + 1);
        List<Entry> items = new ArrayList<>();
        for (int i = 0; i < Math.min(n, page.size()); i++) {
            Release r = page.get(i);
            // Without an older release in the page, r is the first release: its whole config is new.
            ConfigSnapshot previous = i + 1 < page.size() ? page.get(i + 1).config() : ConfigSnapshot.EMPTY;
            items.add(new Entry(r.version(), r.createdAt().toString(), r.createdBy(), r.description(), r.deploymentId(),
                    current != null && current == r.version(), ConfigDiff.between(previous, r.config()).changes()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("nextCursor", page.size() > n ? Integer.toString(items.getLast().version()) : null);
        return out;
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT + "; got " + requested + ".");
        }
        return requested;
    }

    private static Integer before(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-cursor", "cursor must be a release number from nextCursor; got '" + cursor + "'.");
        }
    }
}
