package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code users}: the accounts of the server (admins only): list, create, set a role, deactivate, reset a password. */
@Command(name = "users", description = "List users (admins); 'users create|set-role|deactivate|activate|reset-password' manage them.",
        subcommands = {UserCommands.Create.class, UserCommands.SetRole.class, UserCommands.Deactivate.class,
                UserCommands.Activate.class, UserCommands.ResetPassword.class, UserCommands.Invite.class,
                UserCommands.Invitations.class, UserCommands.Uninvite.class})
final class UserCommands extends CliCommand {

    /** Global roles, as the server names them. */
    enum Role { admin, operator, developer, viewer }

    UserCommands(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        List<JsonNode> users = new ArrayList<>();
        ApiClient api = context.api();
        String cursor = null;
        do { // every page: a team has tens of users, not thousands
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", "200");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = api.get("/users", query);
            page.path("items").forEach(users::add);
            cursor = Output.text(page, "nextCursor");
        } while (!cursor.isEmpty() && users.size() < 10_000);
        if (context.jsonOption) {
            tools.jackson.databind.node.ArrayNode all = Json.array();
            users.forEach(all::add);
            context.output().json(all);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode u : users) {
            rows.add(List.of(Output.text(u, "username"), Output.text(u, "email"), Output.text(u, "role"),
                    u.path("active").asBoolean(true) ? "active" : "deactivated", Output.time(u, "lastLoginAt")));
        }
        context.output().table(List.of("username", "email", "role", "status", "last login"), rows);
        return 0;
    }

    @Command(name = "create", description = "Create a user. Without --password-stdin the user has no password until one is set.")
    static final class Create extends CliCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(names = "--role", required = true, description = "admin, operator, developer or viewer.")
        Role role;

        @Option(names = "--email", paramLabel = "ADDRESS")
        String email;

        @Option(names = "--password-stdin", description = "Read the new user's password from the first line of stdin.")
        boolean passwordStdin;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", username);
            body.put("role", role.name());
            if (email != null) {
                body.put("email", email);
            }
            if (passwordStdin) {
                body.put("password", Stdin.firstLine(context, "--password-stdin"));
            }
            JsonNode user = context.api().post("/users", body);
            if (context.jsonOption) {
                context.output().json(user);
                return 0;
            }
            context.output().line("Created user " + Output.text(user, "username") + " (" + Output.text(user, "role") + ").");
            return 0;
        }
    }

    @Command(name = "set-role", description = "Change a user's global role.")
    static final class SetRole extends CliCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Parameters(index = "1", paramLabel = "ROLE", description = "admin, operator, developer or viewer.")
        Role role;

        SetRole(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode user = context.api().patch("/users/" + ApiClient.segment(username), Map.of("role", role.name()));
            context.output().line(Output.text(user, "username") + " is now " + Output.text(user, "role") + ".");
            return 0;
        }
    }

    /** Deactivate and activate are one PATCH of {@code active}. */
    private static int setActive(CliContext context, String username, boolean active) {
        context.api().patch("/users/" + ApiClient.segment(username), Map.of("active", active));
        context.output().line((active ? "Activated " : "Deactivated ") + username + ".");
        return 0;
    }

    @Command(name = "deactivate", description = "Deactivate a user: their sessions and tokens stop working.")
    static final class Deactivate extends CliCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        Deactivate(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return setActive(context, username, false);
        }
    }

    @Command(name = "activate", description = "Let a deactivated user log in again.")
    static final class Activate extends CliCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        Activate(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return setActive(context, username, true);
        }
    }

    @Command(name = "reset-password", description = "Set a user's password (read from the first line of stdin).")
    static final class ResetPassword extends CliCommand {
        @Parameters(paramLabel = "USERNAME")
        String username;

        ResetPassword(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String password = Stdin.firstLine(context, "the new password on stdin");
            context.api().post("/users/" + ApiClient.segment(username) + "/password", Map.of("password", password));
            context.output().line("Set a new password for " + username + ".");
            return 0;
        }
    }

    @Command(name = "invite", description = "Invite an e-mail address: they get a single-use link to create their account.")
    static final class Invite extends CliCommand {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = "--role", required = true, description = "admin, operator, developer or viewer.")
        Role role;

        @Option(names = "--app", paramLabel = "APP[:ROLE]", description = "A membership to grant (ROLE developer or viewer, default developer); repeatable.")
        List<String> apps = new ArrayList<>();

        @Option(names = "--expires-hours", paramLabel = "N", description = "How long the link works (default: the server's, 7 days).")
        Integer expiresHours;

        Invite(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            List<Map<String, String>> memberships = new ArrayList<>();
            for (String a : apps) {
                int colon = a.indexOf(':');
                Map<String, String> m = new LinkedHashMap<>();
                m.put("app", colon < 0 ? a : a.substring(0, colon));
                m.put("role", colon < 0 ? "developer" : a.substring(colon + 1));
                memberships.add(m);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", email);
            body.put("role", role.name());
            body.put("memberships", memberships);
            if (expiresHours != null) {
                body.put("expiresInHours", expiresHours);
            }
            JsonNode invitation = context.api().post("/invitations", body);
            if (context.jsonOption) {
                context.output().json(invitation);
                return 0;
            }
            context.output().line("Invited " + Output.text(invitation, "email") + " as " + Output.text(invitation, "role")
                    + " (invitation " + Output.text(invitation, "id") + ", expires " + Output.time(invitation, "expiresAt") + ").");
            if (invitation.path("emailSent").asBoolean(false)) {
                context.output().line("The invitation e-mail is sent.");
            } else {
                context.output().note("The e-mail was not sent (" + Output.text(invitation, "emailError") + "). Pass this link on; it works once:");
                context.output().line(Output.text(invitation, "link"));
            }
            return 0;
        }
    }

    @Command(name = "invitations", description = "List invitations and whether they are pending, accepted, revoked or expired.")
    static final class Invitations extends CliCommand {
        Invitations(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode list = context.api().get("/invitations");
            if (context.jsonOption) {
                context.output().json(list);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode i : list.path("items")) {
                rows.add(List.of(Output.text(i, "id"), Output.text(i, "email"), Output.text(i, "role"), Output.text(i, "status"),
                        Output.text(i, "createdBy"), Output.time(i, "expiresAt")));
            }
            if (rows.isEmpty()) {
                context.output().line("No invitations.");
                return 0;
            }
            context.output().table(List.of("id", "email", "role", "status", "invited by", "expires"), rows);
            return 0;
        }
    }

    @Command(name = "uninvite", description = "Revoke a pending invitation: its link stops working.")
    static final class Uninvite extends CliCommand {
        @Parameters(paramLabel = "INVITATION_ID")
        String id;

        Uninvite(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            context.api().delete("/invitations/" + ApiClient.segment(id));
            context.output().line("Revoked invitation " + id + ".");
            return 0;
        }
    }
}
