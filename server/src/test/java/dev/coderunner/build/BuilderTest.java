package dev.coderunner.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.testsupport.Examples;

class BuilderTest {

    @TempDir
    Path temp;

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Builder builder = new Builder(new BuildProperties(Duration.ofMinutes(5)));

    private Manifest detect(Path dir) {
        return new BuildDetector(new StaticSiteServerInstaller(new CodeRunnerHome(temp.resolve("home")))).detect(dir);
    }

    private static Manifest command(String buildCommand) {
        return new Manifest(buildCommand, Map.of(), Map.of(), "yaml");
    }

    @Test
    void buildsTheNodeExampleWithNpmCi() {
        Path slug = Examples.copy("node", temp.resolve("slug"));

        BuildResult result = builder.build(slug, detect(slug), Map.of(), output::add);

        // no dependencies, so npm ci creates no node_modules; it must still succeed offline
        assertThat(result).as("output: %s", output).isEqualTo(BuildResult.ok());
        assertThat(output).anyMatch(line -> line.contains("up to date") || line.contains("added"));
    }

    @Test
    void buildsThePythonExampleIntoAVenvWithoutNetwork() {
        Path slug = Examples.copy("python", temp.resolve("slug"));

        BuildResult result = builder.build(slug, detect(slug), Map.of(), output::add);

        assertThat(result).as("output: %s", output).isEqualTo(BuildResult.ok());
        assertThat(Files.isExecutable(slug.resolve(".venv/bin/python"))).isTrue();
    }

    /** The slowest test here (Maven comes from Maven Central once): proves ./mvnw finds the running JDK. */
    @Test
    void buildsTheJavaExampleWithItsMavenWrapper() {
        Path slug = Examples.copy("java", temp.resolve("slug"));

        BuildResult result = builder.build(slug, detect(slug), Map.of(), output::add);

        assertThat(result).as("output: %s", output).isEqualTo(BuildResult.ok());
        assertThat(slug.resolve("target/java-example-1.0.0.jar")).isRegularFile();
    }

    @Test
    void failingBuildReportsItsExitCodeAndStreamsStdoutAndStderr() {
        BuildResult result = builder.build(temp, command("echo compiling; echo 'oops' >&2; exit 3"), Map.of(), output::add);

        assertThat(result).isEqualTo(BuildResult.failed("build command exited with code 3"));
        assertThat(output).containsExactly("compiling", "oops");
    }

    @Test
    void noBuildCommandSucceedsAtOnce() {
        assertThat(builder.build(temp, command(null), Map.of(), output::add).succeeded()).isTrue();
        assertThat(output).isEmpty();
    }

    @Test
    void runsInTheSlugFolderWithTheGivenEnvAndTheRunningJdk() {
        BuildResult result = builder.build(temp, command("pwd; echo \"$GREETING\"; echo \"$JAVA_HOME\"; \"$JAVA_HOME/bin/javac\" -version"),
                Map.of("GREETING", "hi"), output::add);

        assertThat(result.succeeded()).as("output: %s", output).isTrue();
        assertThat(output).startsWith(temp.toString(), "hi", System.getProperty("java.home"));
        assertThat(output.get(3)).startsWith("javac");
    }

    @Test
    void inheritsOnlyTheAllowlistedPlatformVariables() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", "/bin", "AWS_SECRET_ACCESS_KEY", "s3cr3t", "LANG", "C.UTF-8"));

        Builder.environment(env, Map.of("APP_VAR", "x"));

        assertThat(env).doesNotContainKey("AWS_SECRET_ACCESS_KEY").containsEntry("LANG", "C.UTF-8").containsEntry("APP_VAR", "x");
        assertThat(env.get("PATH")).endsWith(":/bin");
    }

    @Test
    void timesOutAndKillsTheWholeProcessTree() throws Exception {
        Builder quick = new Builder(new BuildProperties(Duration.ofSeconds(1)));
        Path pidFile = temp.resolve("child.pid");

        long started = System.nanoTime();
        BuildResult result = quick.build(temp, command("sleep 60 & echo $! > child.pid; echo started; wait"), Map.of(), output::add);

        assertThat(result).isEqualTo(BuildResult.failed("build timed out after 1s"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(output).contains("started");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void cutsOverlongLinesInsteadOfBufferingThem() {
        builder.build(temp, command("head -c 20000 /dev/zero | tr '\\0' x"), Map.of(), output::add);

        assertThat(output).hasSize(3).allMatch(line -> line.length() <= OutputLines.MAX_LINE);
    }
}
