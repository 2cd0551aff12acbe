package dev.coderunner.auth;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The {@code cr_refresh} cookie: httpOnly (scripts never see it), SameSite=Strict, scoped to
 * {@code /api/v1/auth}, and Secure whenever the request came over TLS.
 */
@Component
class SessionCookie {

    static final String NAME = "cr_refresh";
    static final String PATH = "/api/v1/auth";

    private final RefreshSessions sessions;

    SessionCookie(RefreshSessions sessions) {
        this.sessions = sessions;
    }

    void set(HttpServletRequest request, HttpServletResponse response, String token) {
        write(request, response, token, sessions.lifetime());
    }

    void clear(HttpServletRequest request, HttpServletResponse response) {
        write(request, response, "", Duration.ZERO);
    }

    static String read(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (NAME.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        boolean tls = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        ResponseCookie cookie = ResponseCookie.from(NAME, value).httpOnly(true).secure(tls).sameSite("Strict")
                .path(PATH).maxAge(maxAge).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
