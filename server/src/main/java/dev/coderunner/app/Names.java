package dev.coderunner.app;

import java.util.regex.Pattern;

import dev.coderunner.web.ApiException;

/** App and environment names are DNS labels, because they become hostnames ({@code <app>-<env>.localhost}). */
public final class Names {

    private static final Pattern APP = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern ENV = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?");

    private Names() {
    }

    public static String requireApp(String name) {
        if (name == null || !APP.matcher(name).matches()) {
            throw ApiException.badRequest("invalid-app-name",
                    "App names are 1–40 characters of a–z, 0–9 and '-', starting and ending with a letter or digit; got '" + shown(name) + "'.");
        }
        return name;
    }

    public static String requireEnv(String name) {
        if (name == null || !ENV.matcher(name).matches()) {
            throw ApiException.badRequest("invalid-environment-name",
                    "Environment names are 1–20 characters of a–z, 0–9 and '-', starting and ending with a letter or digit; got '" + shown(name) + "'.");
        }
        return name;
    }

    private static String shown(String name) {
        if (name == null) {
            return "";
        }
        return name.length() > 60 ? name.substring(0, 60) + "…" : name;
    }
}
