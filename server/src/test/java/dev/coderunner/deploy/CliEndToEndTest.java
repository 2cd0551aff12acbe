package dev.coderunner.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.coderunner.testsupport.ControlPlaneTest;
import dev.coderunner.testsupport.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as a user runs it: the shaded jar as a real process against the real control plane.
 * The jar is built by the cli module earlier in the same {@code ./mvnw verify}.
 */
class CliEndToEndTest extends ControlPlaneTest {

    @TempDir
    Path work;

    record Run(int exit, String out) {
    }

    @Test
    void loginCreateDeployScaleRollBackAndDestroy() throws Exception {
        Path app = Examples.copy("node", work.resolve("node"));

        Run login = cli(app, ADMIN_PASSWORD + "\n", "login", "--server", "http://127.0.0.1:" + port, "-u", "admin", "--password-stdin");
        assertThat(login.exit()).as(login.out()).isZero();
        assertThat(cli(app, null, "create", "cli-app").exit()).isZero();

        Run deploy = cli(app, null, "deploy");
        assertThat(deploy.exit()).as(deploy.out()).isZero();
        assertThat(deploy.out()).contains("Done: v1 deployed");
        assertThat(router.get("cli-app.localhost", "/").body()).contains("hello from node web.1 v1");

        Run scale = cli(app, null, "scale", "web=2");
        assertThat(scale.exit()).as(scale.out()).isZero();
        Run status = cli(app, null, "status");
        assertThat(status.out()).contains("web.1", "web.2");

        Files.writeString(app.resolve("index.js"), "process.exit(1)\n");
        Run broken = cli(app, null, "deploy");
        assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
        assertThat(broken.out()).contains("error:");

        Run cancelUnknown = cli(app, null, "cancel", "dep_unknown");
        assertThat(cancelUnknown.exit()).isEqualTo(1);
        assertThat(cancelUnknown.out()).contains("error: No deployment named 'dep_unknown'");

        Run rollback = cli(app, null, "rollback", "1");
        assertThat(rollback.exit()).as(rollback.out()).isZero();
        assertThat(cli(app, null, "releases").out()).contains("Rollback to v1");

        Run badScale = cli(app, null, "scale", "web=lots");
        assertThat(badScale.exit()).isEqualTo(2);

        assertThat(cli(app, null, "apps:destroy", "cli-app", "--confirm", "cli-app").exit()).isZero();
        assertThat(cli(app, null, "status").exit()).isNotZero();
    }

    private Run cli(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        Path jar = cliJar();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("CODERUNNER_CONFIG", work.resolve("credentials.json").toString());
        builder.environment().remove("CODERUNNER_TOKEN");
        builder.environment().remove("CODERUNNER_APP");
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("coderunner " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), out);
    }

    private static Path cliJar() {
        Path jar = Examples.dir("node").getParent().getParent().resolve("cli/target/coderunner-cli.jar");
        if (!Files.exists(jar)) {
            throw new AssertionError("the CLI jar is missing: run the whole build (./mvnw verify), which packages cli/ before these tests");
        }
        return jar;
    }
}
