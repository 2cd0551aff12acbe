package dev.coderunner.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/** The {@code coderunner} command line: a thin client of the REST/SSE API. */
@Command(name = "coderunner", mixinStandardHelpOptions = true, version = "coderunner 0.1.0",
        description = "Deploy and operate apps on a CodeRunner server.",
        subcommands = {
            AuthCommands.Login.class, AuthCommands.Logout.class, AuthCommands.Whoami.class, TokenCommands.class,
            AppCommands.ListApps.class, AppCommands.Create.class, AppCommands.Destroy.class, AppCommands.Open.class,
            DeployCommands.Deploy.class, DeployCommands.Deployments.class, DeployCommands.Releases.class,
            DeployCommands.Rollback.class, FormationCommands.Scale.class, FormationCommands.Start.class,
            FormationCommands.Stop.class, FormationCommands.Restart.class, FormationCommands.Status.class,
            LogsCommand.class, ConfigCommands.Show.class, ConfigCommands.Set.class, ConfigCommands.Unset.class,
            ConfigFileCommands.Import.class, ConfigFileCommands.Export.class, ConfigFileCommands.Diff.class,
            ConfigFileCommands.Reveal.class, EnvironmentsCommands.ListEnvs.class, EnvironmentsCommands.Create.class,
            EnvironmentsCommands.Promote.class},
        footer = {"", "Environment: CODERUNNER_URL, CODERUNNER_TOKEN, CODERUNNER_APP, CODERUNNER_CONFIG."})
public final class CodeRunnerCli implements Runnable {

    private final CliContext context;

    CodeRunnerCli(CliContext context) {
        this.context = context;
    }

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Server URL (default: $CODERUNNER_URL, then the one saved by login, then "
                    + CliContext.DEFAULT_SERVER + ").")
    void server(String url) {
        context.serverOption = url;
    }

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the raw JSON answer.")
    void json(boolean json) {
        context.jsonOption = json;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(System.getenv(), Path.of("").toAbsolutePath(), System.in, out, err,
                isTerminal());
        System.exit(commandLine(context).execute(args));
    }

    /** Builds the full command tree bound to {@code context}; tests call this with captured streams. */
    static CommandLine commandLine(CliContext context) {
        IFactory factory = new ContextFactory(context);
        CommandLine cli = new CommandLine(new CodeRunnerCli(context), factory);
        addHelpOptions(cli);
        cli.setOut(context.out).setErr(context.err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(context, e));
        cli.setParameterExceptionHandler(CodeRunnerCli::reportUsage);
        return cli;
    }

    private static void addHelpOptions(CommandLine parent) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            addHelpOptions(sub);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(context.out);
    }

    private static int report(CliContext context, Exception failure) {
        Throwable e = failure;
        while ((e instanceof CommandLine.ExecutionException || e instanceof InvocationTargetException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        PrintWriter err = context.err;
        int code = CliException.FAILURE;
        switch (e) {
            case ApiException api -> {
                err.println("error: " + api.getMessage() + (api.status() == 401 ? " (run 'coderunner login')" : ""));
                api.fieldErrors().forEach(field -> err.println("  " + field));
                code = api.exitCode();
            }
            case CliException cli -> {
                err.println("error: " + cli.getMessage());
                code = cli.exitCode();
            }
            case ParameterException usage -> {
                return reportUsage(usage, new String[0]);
            }
            default -> {
                err.println("error: " + e);
                if (context.env.containsKey("CODERUNNER_DEBUG")) {
                    e.printStackTrace(err);
                }
            }
        }
        err.flush();
        return code;
    }

    private static int reportUsage(ParameterException usage, String[] args) {
        CommandLine cmd = usage.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + usage.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return CliException.USAGE;
    }

    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Gives commands their {@link CliContext} through a constructor; everything else picocli makes itself. */
    private record ContextFactory(CliContext context) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
