package dev.coderunner.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code login --sso}: the device login (after RFC 8628). The server gives a secret device code and a short user
 * code; the person opens the printed link in any browser where they are logged in to the dashboard and approves;
 * meanwhile the CLI polls and receives an API token. Nothing here needs a browser on this machine.
 */
final class DeviceLogin {

    private final CliContext context;
    private final String server;

    DeviceLogin(CliContext context, String server) {
        this.context = context;
        this.server = server;
    }

    Credentials run() {
        ApiClient anonymous = context.anonymousApi(server);
        JsonNode started = anonymous.post("/auth/device", Map.of("clientName", clientName()));
        String deviceCode = Output.text(started, "deviceCode");
        String userCode = Output.text(started, "userCode");
        if (deviceCode.isEmpty() || userCode.isEmpty()) {
            throw new CliException("the server at " + server + " does not offer the device login; use --token or a password");
        }
        Duration interval = seconds(started, "interval", context.pollInterval);
        Instant deadline = Instant.now().plus(seconds(started, "expiresIn", Duration.ofMinutes(10)));
        Output out = context.output();
        out.note("To log in, open this link in a browser where you are logged in to CodeRunner:");
        out.note("");
        out.note("  " + Output.text(started, "verificationUriComplete"));
        out.note("");
        out.note("and check that it shows the code " + userCode + ". Waiting for approval (Ctrl-C to stop)…");
        while (Instant.now().isBefore(deadline)) {
            sleep(interval);
            try {
                JsonNode issued = anonymous.post("/auth/device/token", Map.of("deviceCode", deviceCode));
                return new Credentials(server, Output.text(issued, "accessToken"), Output.text(issued, "username"),
                        Output.text(issued, "tokenId"));
            } catch (ApiException e) {
                switch (e.type()) {
                    case "authorization-pending" -> {
                    }
                    case "slow-down" -> interval = interval.plusSeconds(5);
                    case "access-denied" -> throw new CliException("the login was denied in the dashboard", CliException.AUTH);
                    default -> throw e;
                }
            }
        }
        throw new CliException("nobody approved code " + userCode + " in time; run 'coderunner login --sso' again", CliException.AUTH);
    }

    /** How the token is named in the dashboard's token list: which machine it is for. */
    static String clientName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        String name = "coderunner CLI on " + System.getProperty("user.name", "someone") + "@" + host;
        return name.length() > 90 ? name.substring(0, 90) : name;
    }

    private static Duration seconds(JsonNode node, String field, Duration fallback) {
        long s = node.path(field).asLong(0);
        return s > 0 ? Duration.ofSeconds(s) : fallback;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
