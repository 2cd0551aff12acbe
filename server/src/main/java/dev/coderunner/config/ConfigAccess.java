package dev.coderunner.config;

import dev.coderunner.access.Action;
import dev.coderunner.access.AppAccess;
import dev.coderunner.auth.Principal;
import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may see secret values (reveal, export with secrets): whoever may configure the app
 * (see access.AppAccess), never with a read-scoped API token. Every reveal is audited by the caller.
 */
@Component
class ConfigAccess {

    private final AppAccess access;

    ConfigAccess(AppAccess access) {
        this.access = access;
    }

    boolean canReveal(Principal p, String app) {
        return access.can(p, app, Action.CONFIGURE);
    }

    void requireReveal(String app) {
        if (!canReveal(Principal.current(), app)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "secret-reveal-forbidden",
                    "Your role or token does not allow revealing secret values of app '" + app + "'.");
        }
    }
}
