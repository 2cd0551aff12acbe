package dev.coderunner.config;

import dev.coderunner.auth.Principal;
import dev.coderunner.auth.Role;
import dev.coderunner.auth.TokenScope;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Who may see secret values (reveal, export with secrets). Until per-app roles exist: anyone but a VIEWER,
 * and not with a read-scoped API token.
 */
final class ConfigAccess {

    private ConfigAccess() {
    }

    static boolean canReveal(Principal p) {
        return p.role() != Role.VIEWER && p.scope() != TokenScope.READ;
    }

    static void requireReveal() {
        if (!canReveal(Principal.current())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "secret-reveal-forbidden",
                    "Your role or token does not allow revealing secret values.");
        }
    }
}
