package dev.coderunner.router;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which instances serve which hostname. The deploy pipeline and the supervisor replace an
 * environment's backends as a whole; the router only reads. Hostnames: {@code <app>.<domain>} for
 * production, {@code <app>-<env>.<domain>} otherwise; the port in {@code Host} is ignored.
 */
@Component
public class RouteTable {

    /** The routable instances of one environment, plus the labels metrics use. */
    public record Route(String app, String env, List<Backend> backends) {
    }

    private final String domain;
    private final Map<String, Route> byHost = new ConcurrentHashMap<>();

    public RouteTable(@Value("${coderunner.domain:localhost}") String domain) {
        this.domain = domain.toLowerCase(Locale.ROOT);
    }

    public String hostname(String app, String env) {
        return ("production".equals(env) ? app : app + "-" + env) + "." + domain;
    }

    /** Replaces the backends of an environment; an empty list keeps the route known (answers 503). */
    public void update(String app, String env, List<Backend> backends) {
        byHost.put(hostname(app, env), new Route(app, env, List.copyOf(backends)));
    }

    public void remove(String app, String env) {
        byHost.remove(hostname(app, env));
    }

    /** The route for a {@code Host} header value (port and case ignored), or {@code null} when none. */
    public Route lookup(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return byHost.get(host);
    }
}
