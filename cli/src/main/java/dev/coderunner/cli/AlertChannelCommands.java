package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code alerts channels}: where alert notifications go (an app's own channels, or global ones). */
@Command(name = "channels", description = "List notification channels (the app's and global ones); 'channels create|test|delete' manage them.",
        subcommands = {AlertChannelCommands.Create.class, AlertChannelCommands.Test.class, AlertChannelCommands.Delete.class})
final class AlertChannelCommands extends CliCommand {

    @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "The app's channels and the global ones (default: only global ones).")
    String app;

    AlertChannelCommands(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        JsonNode channels = context.api().get(app == null ? "/alerts/channels" : "/apps/" + ApiClient.segment(app) + "/alerts/channels");
        if (printedJson(channels)) {
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : channels.path("items")) {
            rows.add(List.of(Output.text(c, "id"), Output.text(c, "name"), Output.text(c, "type"),
                    c.path("global").asBoolean() ? "global" : Output.text(c, "app"), Output.text(c, "target"),
                    Output.text(c, "sent") + " sent, " + Output.text(c, "failed") + " failed"));
        }
        if (rows.isEmpty()) {
            output().line("No channels.");
        }
        output().table(List.of("id", "name", "type", "scope", "target", "deliveries"), rows);
        return 0;
    }

    @Command(name = "create", description = "Create a channel: --type webhook|slack|pagerduty|email with --url, --secret, --routing-key or --to.")
    static final class Create extends CliCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "Make it the app's channel (default: a global one).")
        String app;

        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "webhook, slack, pagerduty or email.")
        String type;

        @Option(names = "--url", paramLabel = "URL", description = "Webhook or Slack incoming-webhook URL; PagerDuty endpoint (optional).")
        String url;

        @Option(names = "--secret", paramLabel = "SECRET", description = "Webhook signing secret (default: generated and shown once).")
        String secret;

        @Option(names = "--routing-key", paramLabel = "KEY", description = "PagerDuty integration (routing) key.")
        String routingKey;

        @Option(names = "--to", paramLabel = "ADDRESS", description = "Email recipient (repeatable).")
        List<String> to = new ArrayList<>();

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("type", type);
            if (url != null) {
                body.put("url", url);
            }
            if (secret != null) {
                body.put("secret", secret);
            }
            if (routingKey != null) {
                body.put("routingKey", routingKey);
            }
            if (!to.isEmpty()) {
                body.put("to", to);
            }
            JsonNode channel = context.api().post(app == null ? "/alerts/channels" : "/apps/" + ApiClient.segment(app) + "/alerts/channels", body);
            if (printedJson(channel)) {
                return 0;
            }
            output().line("Created channel " + Output.text(channel, "id") + " (" + Output.text(channel, "type") + ", "
                    + Output.text(channel, "target") + ").");
            if (channel.hasNonNull("secret")) {
                output().line("Signing secret: " + Output.text(channel, "secret"));
                output().note("Store the signing secret now: it will not be shown again.");
            }
            return 0;
        }
    }

    @Command(name = "test", description = "Send a test notification to a channel now.")
    static final class Test extends CliCommand {
        @Parameters(paramLabel = "ID")
        String id;

        Test(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            JsonNode result = context.api().post("/alerts/channels/" + ApiClient.segment(id) + "/test", Map.of());
            if (printedJson(result)) {
                return 0;
            }
            if (!result.path("delivered").asBoolean()) {
                throw new CliException("the test notification was not delivered: " + Output.text(result, "error"));
            }
            output().line("Delivered a test notification to " + id + ".");
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a channel (no rule may still use it).")
    static final class Delete extends CliCommand {
        @Parameters(paramLabel = "ID")
        String id;

        Delete(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            context.api().delete("/alerts/channels/" + ApiClient.segment(id));
            output().line("Deleted channel " + id + ".");
            return 0;
        }
    }
}
