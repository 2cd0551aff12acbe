package dev.coderunner.auth;

/** What an API token may do: read only, read and deploy/operate, or everything its user can. */
public enum TokenScope {
    READ, DEPLOY, ADMIN;

    static TokenScope parse(String value) {
        for (TokenScope s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw dev.coderunner.web.ApiException.badRequest("invalid-scope", "Scope must be one of read, deploy, admin; got '" + value + "'.");
    }
}
