package dev.coderunner.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.coderunner.Ids;
import dev.coderunner.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Single-use, short-lived tickets that let a browser open {@code /api/v1/ws} without putting its
 * access token in a URL. Kept in memory: a restart only means the browser asks for a new one.
 */
@Component
public class WebSocketTickets {

    private record Pending(Principal principal, Instant expiresAt) {
    }

    private final Map<String, Pending> tickets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;
    private final int maxOutstanding;

    WebSocketTickets(Clock clock, @Value("${coderunner.events.ws-ticket-lifetime:30s}") Duration lifetime,
            @Value("${coderunner.events.ws-ticket-max-outstanding:10000}") int maxOutstanding) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxOutstanding = maxOutstanding;
    }

    public record Ticket(String ticket, long expiresIn) {
    }

    Ticket issue(Principal principal) {
        Instant now = clock.instant();
        tickets.values().removeIf(p -> !p.expiresAt().isAfter(now));
        if (tickets.size() >= maxOutstanding) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-tickets", "Too many unused WebSocket tickets; try again shortly.");
        }
        String ticket = Ids.random(40);
        tickets.put(ticket, new Pending(principal, now.plus(lifetime)));
        return new Ticket(ticket, lifetime.toSeconds());
    }

    /** The principal a ticket was issued to; the ticket is gone afterwards whether or not it was still valid. */
    public Optional<Principal> redeem(String ticket) {
        Pending p = ticket == null ? null : tickets.remove(ticket);
        return p == null || !p.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(p.principal());
    }

    /** The caller authenticated by a bearer credential on the current request, if any (no "system" fallback). */
    public static Optional<Principal> bearerCaller() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof Principal.Authenticated a
                ? Optional.of(a.getPrincipal()) : Optional.empty();
    }
}
