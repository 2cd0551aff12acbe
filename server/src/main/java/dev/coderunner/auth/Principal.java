package dev.coderunner.auth;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: the same shape whether they came with a JWT or an API token.
 * {@code scope} is {@code null} for a login session, or the API token's scope.
 */
public record Principal(String userId, String username, Role role, TokenScope scope) {

    /** The caller of the current request; "system" outside a request (reconcilers, start-up). */
    public static Principal current() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof Authenticated a) {
            return a.principal;
        }
        return new Principal("system", "system", Role.ADMIN, null);
    }

    /** Whether this caller may change things (deploy, scale, configure), not just read. */
    public boolean canWrite() {
        return role != Role.VIEWER && (scope == null || scope != TokenScope.READ);
    }

    Authenticated toAuthentication() {
        return new Authenticated(this);
    }

    static final class Authenticated extends AbstractAuthenticationToken {
        private final Principal principal;

        Authenticated(Principal principal) {
            super(authorities(principal));
            this.principal = principal;
            setAuthenticated(true);
        }

        private static Collection<? extends GrantedAuthority> authorities(Principal p) {
            return p.canWrite()
                    ? List.of(new SimpleGrantedAuthority("ROLE_" + p.role().name()), new SimpleGrantedAuthority("WRITE"))
                    : List.of(new SimpleGrantedAuthority("ROLE_" + p.role().name()));
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Principal getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.username();
        }
    }
}
