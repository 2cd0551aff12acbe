package dev.coderunner.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.coderunner.web.ApiException;

/**
 * Cookie-authenticated session routes for the dashboard, and WebSocket tickets. Because the cookie is
 * sent automatically, refresh and logout also require the {@code X-CodeRunner-CSRF} header, which a
 * cross-site form or image cannot send (see docs/decisions/dashboard-sessions-and-csrf.md).
 */
@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

    static final String CSRF_HEADER = "X-CodeRunner-CSRF";

    private final RefreshSessions sessions;
    private final SessionCookie cookie;
    private final AccessTokens accessTokens;
    private final WebSocketTickets tickets;

    SessionController(RefreshSessions sessions, SessionCookie cookie, AccessTokens accessTokens, WebSocketTickets tickets) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.accessTokens = accessTokens;
        this.tickets = tickets;
    }

    @PostMapping("/refresh")
    AuthController.TokenResponse refresh(@RequestHeader(name = CSRF_HEADER, required = false) String csrf,
            HttpServletRequest request, HttpServletResponse response) {
        requireCsrfHeader(csrf);
        try {
            RefreshSessions.Rotated rotated = sessions.rotate(SessionCookie.read(request));
            cookie.set(request, response, rotated.token());
            AccessTokens.Issued issued = accessTokens.issue(rotated.user());
            return new AuthController.TokenResponse(issued.token(), "Bearer", issued.expiresIn());
        } catch (ApiException e) {
            cookie.clear(request, response);
            throw e;
        }
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestHeader(name = CSRF_HEADER, required = false) String csrf,
            HttpServletRequest request, HttpServletResponse response) {
        requireCsrfHeader(csrf);
        sessions.end(SessionCookie.read(request));
        cookie.clear(request, response);
    }

    @PostMapping("/ws-ticket")
    WebSocketTickets.Ticket wsTicket() {
        return tickets.issue(Principal.current());
    }

    private static void requireCsrfHeader(String value) {
        if (!"1".equals(value)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "csrf-header-missing",
                    "This request is authenticated by a cookie, so it must carry the header '" + CSRF_HEADER + ": 1'.");
        }
    }
}
