package dev.coderunner.deploy;

import java.util.List;

import dev.coderunner.access.AppAccess;
import dev.coderunner.app.App;
import dev.coderunner.app.AppService;
import dev.coderunner.app.Environment;
import dev.coderunner.auth.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Apps and their environments, each shown with its live status. */
@RestController
@RequestMapping("/api/v1/apps")
class AppController {

    private final AppService apps;
    private final EnvironmentOverview overview;
    private final AppAccess access;

    AppController(AppService apps, EnvironmentOverview overview, AppAccess access) {
        this.apps = apps;
        this.overview = overview;
        this.access = access;
    }

    record CreateApp(@NotNull String name) {
    }

    record CreateEnvironment(@NotNull String name) {
    }

    @GetMapping
    Page<EnvironmentOverview.AppView> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int n = Page.limit(limit);
        AppAccess.Visible visible = access.visible(Principal.current());   // an app you may not see is not listed either
        List<App> page = apps.list(cursor, n + 1, visible.all() ? null : visible.apps());
        List<EnvironmentOverview.AppView> items = page.stream().limit(n).map(overview::app).toList();
        return new Page<>(items, page.size() > n ? items.getLast().name() : null);
    }

    @PostMapping
    ResponseEntity<EnvironmentOverview.AppView> create(@Valid @RequestBody CreateApp request) {
        App app = apps.create(request.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(overview.app(app));
    }

    @GetMapping("/{app}")
    EnvironmentOverview.AppView get(@PathVariable String app) {
        return overview.app(apps.require(app));
    }

    @DeleteMapping("/{app}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String app) {
        apps.delete(app);
    }

    @GetMapping("/{app}/envs")
    Page<EnvironmentOverview.Summary> environments(@PathVariable String app) {
        apps.require(app);
        return new Page<>(apps.environments(app).stream().map(overview::summary).toList(), null);
    }

    @PostMapping("/{app}/envs")
    ResponseEntity<EnvironmentOverview.Detail> createEnvironment(@PathVariable String app, @Valid @RequestBody CreateEnvironment request) {
        Environment env = apps.createEnvironment(app, request.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(overview.detail(env));
    }

    @GetMapping("/{app}/envs/{env}")
    EnvironmentOverview.Detail environment(@PathVariable String app, @PathVariable String env) {
        return overview.detail(apps.requireEnvironment(app, env));
    }
}
