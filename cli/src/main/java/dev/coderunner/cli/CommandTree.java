package dev.coderunner.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI's commands and how they hang under {@code coderunner}. Only the command being run is built from its
 * annotations; the others get a name-and-description stand-in, enough for the help listing and for "did you
 * mean", because building every command by reflection would be most of the start-up time.
 */
final class CommandTree {

    /** Every top-level command, in the order {@code --help} lists them. */
    static final List<Class<? extends CliCommand>> COMMANDS = List.of(
            AuthCommands.Login.class, AuthCommands.Logout.class, AuthCommands.Whoami.class, TokenCommands.class, UserCommands.class, AuditCommand.class,
            AppCommands.ListApps.class, AppCommands.Create.class, AppCommands.Destroy.class, AppCommands.Open.class,
            DeployCommand.class, ReleaseCommands.Deployments.class, ReleaseCommands.Releases.class,
            ReleaseCommands.Rollback.class, ReleaseCommands.Cancel.class, FormationCommands.Scale.class, FormationCommands.Start.class,
            FormationCommands.Stop.class, FormationCommands.Restart.class, FormationCommands.Status.class,
            LogsCommand.class, MetricsCommand.class, ConfigCommands.Show.class, ConfigCommands.Set.class, ConfigCommands.Unset.class,
            ConfigFileCommands.Import.class, ConfigFileCommands.Export.class, ConfigFileCommands.Diff.class, ConfigFileCommands.Reveal.class,
            EnvironmentsCommands.ListEnvs.class, EnvironmentsCommands.Create.class, EnvironmentsCommands.Promote.class,
            AlertCommands.class);

    private CommandTree() {
    }

    /** Adds the commands under {@code root}: all of them fully when {@code invoked} is null, else just that one. */
    static void addTo(CommandLine root, IFactory factory, String invoked) {
        for (Class<? extends CliCommand> type : COMMANDS) {
            Command command = type.getAnnotation(Command.class);
            boolean build = invoked == null || command.name().equals(invoked)
                    || Arrays.asList(command.aliases()).contains(invoked);
            if (build) {
                CommandLine sub = new CommandLine(type, factory);
                root.addSubcommand(sub);
                addHelpOptions(sub);
            } else {
                CommandSpec standIn = CommandSpec.create().name(command.name()).aliases(command.aliases());
                standIn.usageMessage().description(command.description());
                root.addSubcommand(new CommandLine(standIn));
            }
        }
    }

    /** The command word in {@code args}: the first argument that is neither an option nor an option's value. */
    static String invoked(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--server")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private static void addHelpOptions(CommandLine command) {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getSubcommands().values().forEach(CommandTree::addHelpOptions);
    }
}
