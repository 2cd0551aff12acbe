package dev.coderunner.limits;

import java.io.IOException;
import java.time.Clock;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.WebSocketTickets;
import dev.coderunner.web.Problems;
import dev.coderunner.web.RateLimited;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API requests per credential: each API token has its own budget, and a user's login sessions share
 * one. Runs after authentication (it needs to know who is calling); anonymous requests are not
 * counted here (login has its own limits).
 */
class ApiRateLimit extends OncePerRequestFilter {

    private final boolean enabled;
    private final Buckets buckets;

    ApiRateLimit(LimitsProperties limits, Clock clock) {
        this.enabled = limits.enabled();
        this.buckets = new Buckets(limits.apiRequestsPerToken(), limits.apiWindow(), clock, limits.maxTrackedKeys());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Principal caller = WebSocketTickets.bearerCaller().orElse(null);
        if (caller != null) {
            String key = caller.scope() == null ? "user:" + caller.userId() : "token:" + credentialHash(request);
            long wait = buckets.take(key);
            if (wait > 0) {
                ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                        "This credential made too many API requests. Try again in " + RateLimited.humanWait(wait) + ".");
                problem.setProperty("retryAfter", wait);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
                Problems.write(response, problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** API tokens are told apart by (a hash of) the secret itself: the principal does not carry the token id. */
    private static String credentialHash(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((header == null ? "" : header).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
