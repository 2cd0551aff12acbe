package dev.coderunner.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.coderunner.auth.Principal;
import dev.coderunner.events.ChannelGuard;
import dev.coderunner.events.Event;
import org.springframework.stereotype.Component;

/**
 * WebSocket channels follow the REST rules: {@code logs:}, {@code deployments:}, {@code metrics:},
 * {@code instances:}, {@code presence:} channels of {@code <app>/<env>} need READ on the app,
 * {@code deployment:<id>} needs READ on the deployment's app, and shared channels pass on only the
 * events whose {@code app} (or, on {@code apps}, {@code name}) the caller can see.
 */
@Component
class ChannelRules implements ChannelGuard {

    // Membership changes reach open connections within this time without a query per event.
    private static final Duration VISIBILITY_TTL = Duration.ofSeconds(5);

    private final AppAccess access;
    private final Map<String, AppOwner> owners;
    private final Clock clock;

    ChannelRules(AppAccess access, List<AppOwner> owners, Clock clock) {
        this.access = access;
        this.owners = owners.stream().collect(java.util.stream.Collectors.toMap(AppOwner::collection, o -> o));
        this.clock = clock;
    }

    @Override
    public boolean maySubscribe(Principal principal, String channel) {
        int colon = channel.indexOf(':');
        if (colon < 0) {
            return true;   // shared channels: filtered per event
        }
        String kind = channel.substring(0, colon);
        String rest = channel.substring(colon + 1);
        if (kind.equals("deployment")) {
            if (access.visible(principal).all()) {
                return true;   // those who see every app may also wait for a deployment that is about to exist
            }
            AppOwner deployments = owners.get("deployments");
            Optional<String> app = deployments == null ? Optional.empty() : deployments.appOf(rest);
            return app.isPresent() && access.canSee(principal, app.get());
        }
        int slash = rest.indexOf('/');
        return access.canSee(principal, slash < 0 ? rest : rest.substring(0, slash));
    }

    @Override
    public Predicate<Event> receivable(Principal principal, String channel) {
        if (channel.contains(":")) {
            return EVERY_EVENT;   // checked at subscribe time
        }
        CachedVisibility visible = new CachedVisibility(principal);
        String key = channel.equals("apps") ? "name" : "app";
        return e -> {
            Object app = e.data() instanceof Map<?, ?> m ? m.get(m.containsKey("app") ? "app" : key) : appField(e.data());
            return app == null || visible.get().contains(app.toString());
        };
    }

    /** The {@code app} component of a record event payload, if it has one. */
    private static Object appField(Object data) {
        if (data instanceof Record r) {
            for (var c : r.getClass().getRecordComponents()) {
                if (c.getName().equals("app")) {
                    try {
                        return c.getAccessor().invoke(r);
                    } catch (ReflectiveOperationException ex) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private final class CachedVisibility {
        private final Principal principal;
        private AppAccess.Visible value;
        private Instant computed = Instant.MIN;

        CachedVisibility(Principal principal) {
            this.principal = principal;
        }

        synchronized AppAccess.Visible get() {
            Instant now = clock.instant();
            if (value == null || Duration.between(computed, now).compareTo(VISIBILITY_TTL) > 0) {
                value = access.visible(principal);
                computed = now;
            }
            return value;
        }
    }
}
