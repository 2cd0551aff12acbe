package dev.coderunner.limits;

import java.time.Clock;
import java.util.Map;

import dev.coderunner.web.RateLimited;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Source uploads per app. Runs after the access check, so that only callers allowed to deploy an app
 * spend its budget (nobody can use up another team's uploads).
 */
class UploadRateLimit implements HandlerInterceptor {

    private final boolean enabled;
    private final Buckets buckets;

    UploadRateLimit(LimitsProperties limits, Clock clock) {
        this.enabled = limits.enabled();
        this.buckets = new Buckets(limits.uploadsPerApp(), limits.uploadWindow(), clock, limits.maxTrackedKeys());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!enabled || !"POST".equals(request.getMethod())) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String app = vars == null ? null : vars.get("app");
        if (app == null) {
            return true;
        }
        long wait = buckets.take(app);
        if (wait > 0) {
            throw new RateLimited("too-many-uploads", "App '" + app + "' received too many uploads. Try again in "
                    + RateLimited.humanWait(wait) + ".", wait);
        }
        return true;
    }
}
