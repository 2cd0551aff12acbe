package dev.coderunner.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code login}, {@code logout} and {@code whoami}: who the CLI talks to the server as. */
final class AuthCommands {

    private AuthCommands() {
    }

    @Command(name = "login", description = "Log in and save the server and an API token (mode 600).")
    static final class Login extends CliCommand {
        @Option(names = {"-u", "--username"}, paramLabel = "USER")
        String username;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
        boolean passwordStdin;

        @Option(names = "--token", paramLabel = "cr_…", description = "Save an API token (created in the dashboard) instead of logging in.")
        String apiToken;

        @Option(names = "--sso", description = "Log in without typing a password here: approve a code in the dashboard, "
                + "from any browser where you are logged in (also by single sign-on).")
        boolean sso;

        Login(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            if ((sso ? 1 : 0) + (apiToken != null ? 1 : 0) + (username != null || passwordStdin ? 1 : 0) > 1) {
                throw new CliException("choose one of --sso, --token or a username and password", CliException.USAGE);
            }
            String server = context.server();
            Credentials credentials;
            if (sso) {
                credentials = new DeviceLogin(context, server).run();
            } else if (apiToken != null) {
                JsonNode profile = new ApiClient(server, apiToken).get("/auth/profile");
                credentials = new Credentials(server, apiToken, Output.text(profile, "username"));
            } else {
                String user = username != null ? username : prompt(context, "Username: ");
                String password = passwordStdin ? readStdinLine(context) : promptPassword(context);
                JsonNode answer = context.anonymousApi(server).post("/auth/login",
                        Map.of("username", user, "password", password));
                String token = Output.text(answer, "accessToken");
                if (token.isEmpty()) {
                    throw new CliException("the server at " + server + " answered the login without an accessToken");
                }
                credentials = longLived(server, token, user);
            }
            CredentialStore store = context.credentials();
            store.save(credentials);
            context.output().line("Logged in to " + server + " as " + credentials.username() + ".");
            if (context.env.containsKey("CODERUNNER_TOKEN")) {
                context.output().note("note: CODERUNNER_TOKEN is set and wins over the saved token.");
            }
            return 0;
        }

        /**
         * Trades the 15-minute access token of a password login for an API token of this CLI, so the login lasts
         * (90 days) and {@code logout} can revoke it. A server without API tokens keeps the access token.
         */
        private Credentials longLived(String server, String accessToken, String user) {
            try {
                JsonNode token = new ApiClient(server, accessToken).post("/auth/tokens",
                        Map.of("name", DeviceLogin.clientName(), "scope", "admin", "expiresInDays", 90));
                String secret = Output.text(token, "token");
                if (!secret.isEmpty()) {
                    return new Credentials(server, secret, user, Output.text(token, "id"));
                }
            } catch (ApiException e) {
                context.output().note("note: could not create an API token (" + e.getMessage() + "); the login lasts until the access token expires.");
            }
            return new Credentials(server, accessToken, user);
        }
    }

    @Command(name = "logout", description = "Revoke the saved API token and forget it.")
    static final class Logout extends CliCommand {
        Logout(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            CredentialStore store = context.credentials();
            Credentials saved = store.load().orElse(null);
            if (saved == null) {
                context.output().line("Not logged in.");
                return 0;
            }
            revoke(saved);
            store.delete();
            context.output().line("Logged out of " + saved.server() + ".");
            if (context.env.containsKey("CODERUNNER_TOKEN")) {
                context.output().note("note: CODERUNNER_TOKEN is still set; it is not revoked.");
            }
            return 0;
        }

        private void revoke(Credentials saved) {
            if (saved.token() == null || !saved.token().startsWith("cr_")) {
                return; // an access token from an older server: it expires by itself within minutes
            }
            ApiClient api = new ApiClient(saved.server(), saved.token());
            try {
                if (saved.tokenId() != null) {
                    api.delete("/auth/tokens/" + ApiClient.segment(saved.tokenId()));
                } else {
                    api.delete("/auth/token");
                }
            } catch (ApiException e) {
                if (e.status() != 401 && e.status() != 404) {
                    throw e;
                }
                // already revoked or expired: nothing left to revoke
            } catch (CliException e) {
                context.output().note("note: " + e.getMessage() + "; the token was not revoked on the server, only forgotten here.");
            }
        }
    }

    @Command(name = "whoami", description = "Show the user the saved or given token belongs to.")
    static final class Whoami extends CliCommand {
        Whoami(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ApiClient api = context.api();
            JsonNode profile = api.get("/auth/profile");
            if (context.jsonOption) {
                context.output().json(profile);
                return 0;
            }
            String scope = Output.text(profile, "scope");
            context.output().line(Output.text(profile, "username") + " (" + Output.text(profile, "role")
                    + (scope.isEmpty() ? "" : ", scope " + scope) + ") on " + api.server());
            return 0;
        }
    }

    private static String prompt(CliContext context, String label) {
        Console console = interactiveConsole(context, "-u USER");
        String answer = console.readLine(label);
        if (answer == null || answer.isBlank()) {
            throw new CliException("no username given");
        }
        return answer.strip();
    }

    private static String promptPassword(CliContext context) {
        char[] password = interactiveConsole(context, "--password-stdin").readPassword("Password: ");
        if (password == null) {
            throw new CliException("no password given");
        }
        return new String(password);
    }

    private static Console interactiveConsole(CliContext context, String alternative) {
        Console console = System.console();
        if (!context.interactive() || console == null) {
            throw new CliException("no terminal to prompt on; use " + alternative, CliException.USAGE);
        }
        return console;
    }

    private static String readStdinLine(CliContext context) {
        try {
            String line = new BufferedReader(new InputStreamReader(context.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("--password-stdin: stdin was empty", CliException.USAGE);
            }
            return line;
        } catch (IOException e) {
            throw new CliException("cannot read stdin (" + e.getMessage() + ")");
        }
    }
}
