package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {

    @Test
    void findsTheCommandWordPastGlobalOptions() {
        assertThat(CommandTree.invoked(new String[] {"--server", "http://x", "--json", "apps"})).isEqualTo("apps");
        assertThat(CommandTree.invoked(new String[] {"scale", "web=1"})).isEqualTo("scale");
        assertThat(CommandTree.invoked(new String[] {"--help"})).isNull();
    }

    @Test
    void buildsOnlyTheInvokedCommandButListsThemAll() {
        StringWriter out = new StringWriter();
        CliContext context = new CliContext(Map.of(), Path.of("."), System.in, new PrintWriter(out),
                new PrintWriter(new StringWriter()), () -> false);

        CommandLine tree = CodeRunnerCli.commandLine(context, "create");

        assertThat(tree.getSubcommands().get("create").getCommandSpec().userObject())
                .isInstanceOf(AppCommands.Create.class);
        assertThat(tree.getSubcommands().get("scale").getCommandSpec().userObject()).isNull();
        tree.usage(new PrintWriter(out));
        for (Class<?> command : CommandTree.COMMANDS) {
            assertThat(out.toString()).contains(command.getAnnotation(CommandLine.Command.class).name());
        }
    }

    @Test
    void aMistypedCommandGetsASuggestion(@org.junit.jupiter.api.io.TempDir Path home) {
        CliRun.Result result = new CliRun(home, null).run("crate", "shop");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("create");
    }
}
