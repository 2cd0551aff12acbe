package dev.coderunner.access;

import dev.coderunner.web.ApiException;

/** A user's role on one app. It never lifts a user above their global role (a global VIEWER stays read-only). */
public enum AppRole {
    DEVELOPER, VIEWER;

    public static AppRole parse(String value) {
        for (AppRole r : values()) {
            if (r.name().equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw ApiException.badRequest("invalid-app-role", "An app role is developer or viewer; got '" + value + "'.");
    }

    public String wire() {
        return name().toLowerCase();
    }
}
