package dev.coderunner.events;

import java.util.Map;
import java.util.Optional;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.WebSocketTickets;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates the upgrade request: a single-use {@code ?ticket=} (browsers cannot set headers on
 * a WebSocket) or an {@code Authorization: Bearer} credential already checked by Spring Security.
 */
@Component
class RealtimeHandshake implements HandshakeInterceptor {

    static final String PRINCIPAL = "coderunner.principal";

    private final WebSocketTickets tickets;

    RealtimeHandshake(WebSocketTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String ticket = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("ticket");
        Optional<Principal> caller = ticket != null ? tickets.redeem(ticket) : WebSocketTickets.bearerCaller();
        if (caller.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(PRINCIPAL, caller.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception e) {
    }
}
