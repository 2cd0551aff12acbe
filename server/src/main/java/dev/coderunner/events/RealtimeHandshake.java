package dev.coderunner.events;

import java.util.Map;
import java.util.Optional;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.WebSocketTickets;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates the upgrade request: a single-use {@code ?ticket=} (browsers cannot set headers on
 * a WebSocket) or an {@code Authorization: Bearer} credential already checked by Spring Security.
 * {@code ?batch=1} opts in to batched frames (several messages as one JSON array).
 */
@Component
class RealtimeHandshake implements HandshakeInterceptor {

    static final String PRINCIPAL = "coderunner.principal";
    /** Set (true) when the client asked for batched frames with {@code ?batch=1}. */
    static final String BATCH = "coderunner.batch";

    private final WebSocketTickets tickets;

    RealtimeHandshake(WebSocketTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        String ticket = query.getFirst("ticket");
        Optional<Principal> caller = ticket != null ? tickets.redeem(ticket) : WebSocketTickets.bearerCaller();
        if (caller.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(PRINCIPAL, caller.get());
        attributes.put(BATCH, "1".equals(query.getFirst("batch")));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception e) {
    }
}
