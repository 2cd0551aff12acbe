package dev.coderunner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code scale}, {@code start}, {@code stop}, {@code restart} and {@code status}: the running processes. */
final class FormationCommands {

    private FormationCommands() {
    }

    @Command(name = "scale", description = "Set instance counts per process type, e.g. 'scale web=3 worker=1'; "
            + "without arguments, show them.")
    static final class Scale extends EnvironmentCommand {

        @Parameters(paramLabel = "TYPE=COUNT", arity = "0..*", description = "e.g. web=3")
        List<String> changes = List.of();

        Scale(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            AppTarget target = target();
            JsonNode answer;
            if (changes.isEmpty()) {
                answer = context.api().get(target.path());
            } else {
                Map<String, Integer> formation = new LinkedHashMap<>();
                for (String text : changes) {
                    try {
                        FormationChange change = FormationChange.parse(text);
                        formation.put(change.processType(), change.count());
                    } catch (IllegalArgumentException e) {
                        throw usage(e.getMessage());
                    }
                }
                answer = context.api().put(target.path() + "/scale", formation);
            }
            if (printedJson(answer.path("formation"))) {
                return 0;
            }
            List<String> parts = new ArrayList<>();
            answer.path("formation").properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asInt()));
            output().line(target.label() + ": " + (parts.isEmpty() ? "no processes" : String.join(" ", parts)));
            return 0;
        }
    }

    @Command(name = "start", description = "Start the environment's processes.")
    static final class Start extends Action {
        Start(CliContext context) {
            super(context, "start", "Starting");
        }
    }

    @Command(name = "stop", description = "Stop the environment's processes (the formation is kept).")
    static final class Stop extends Action {
        Stop(CliContext context) {
            super(context, "stop", "Stopping");
        }
    }

    @Command(name = "restart", description = "Restart the environment's processes.")
    static final class Restart extends Action {
        Restart(CliContext context) {
            super(context, "restart", "Restarting");
        }
    }

    /** {@code POST …/actions/{action}}. */
    abstract static class Action extends EnvironmentCommand {
        private final String action;
        private final String verb;

        Action(CliContext context, String action, String verb) {
            super(context);
            this.action = action;
            this.verb = verb;
        }

        @Override
        public Integer call() {
            AppTarget target = target();
            JsonNode answer = context.api().post(target.path() + "/actions/" + action, Map.of());
            if (!printedJson(answer)) {
                output().line(verb + " " + target.label() + ": accepted.");
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Show the environment's instances.")
    static final class Status extends EnvironmentCommand {

        Status(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            AppTarget target = target();
            JsonNode answer = context.api().get(target.path() + "/instances");
            if (printedJson(answer)) {
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode i : answer.path("items")) {
                JsonNode uptime = i.path("uptimeSeconds");
                String release = Output.text(i, "release");
                rows.add(List.of(Output.text(i, "id"), Output.text(i, "state"), Output.text(i, "pid"),
                        Output.text(i, "port"), Output.text(i, "restarts"),
                        uptime.isNumber() ? Output.duration(uptime.asLong()) : "",
                        release.isEmpty() ? "" : "v" + release));
            }
            if (rows.isEmpty()) {
                output().line(target.label() + " has no instances.");
            }
            output().table(List.of("id", "state", "pid", "port", "restarts", "uptime", "release"), rows);
            return 0;
        }
    }
}
