package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppOptionsTest {

    @TempDir
    Path dir;

    final Map<String, String> env = new HashMap<>();

    @Test
    void flagWinsOverEnvironmentAndLinkFile() throws Exception {
        link(dir, "from-file");
        env.put("CODERUNNER_APP", "from-env");

        assertThat(options("from-flag").resolve(context(dir)).app()).isEqualTo("from-flag");
    }

    @Test
    void environmentVariableWinsOverLinkFile() throws Exception {
        link(dir, "from-file");
        env.put("CODERUNNER_APP", "from-env");

        assertThat(options(null).resolve(context(dir)).app()).isEqualTo("from-env");
    }

    @Test
    void linkFileIsFoundFromASubdirectory() throws Exception {
        link(dir, "from-file");
        Path sub = Files.createDirectories(dir.resolve("src/main"));

        AppTarget target = options(null).resolve(context(sub));

        assertThat(target).isEqualTo(new AppTarget("from-file", "production"));
        assertThat(target.path()).isEqualTo("/apps/from-file/envs/production");
    }

    @Test
    void withNothingToGoOnTheMessageSaysWhatToDo() {
        assertThatThrownBy(() -> options(null).resolve(context(dir)))
                .isInstanceOf(CliException.class)
                .hasMessage("no app given: use -a APP, set CODERUNNER_APP, or run 'coderunner create' here");
    }

    @Test
    void commandsReportAMissingAppAsOneLine(@TempDir Path home) {
        CliRun cli = new CliRun(home, null).loggedIn();

        CliRun.Result result = cli.run("status");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: no app given").hasLineCount(1);
    }

    private AppOptions options(String app) {
        AppOptions options = new AppOptions();
        options.app = app;
        return options;
    }

    private CliContext context(Path workDir) {
        return new CliContext(env, workDir, System.in, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), false);
    }

    private static void link(Path dir, String app) throws Exception {
        Files.createDirectories(dir.resolve(".coderunner"));
        Files.writeString(dir.resolve(AppOptions.LINK_FILE), app + "\n");
    }
}
