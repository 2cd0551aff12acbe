package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/find-jdk.sh}, which {@code ./coderunner}, {@code ./mvnw} and the CLI launcher source to find a JDK 21+,
 * run against fake JDK folders: the JVM folder is {@code CR_JVM_DIR} and {@code PATH} holds only the shell
 * tools the script uses, so the machine's own JDKs never answer.
 */
class FindJdkTest {

    private static final Path SCRIPT = Path.of("..", "bin", "find-jdk.sh").toAbsolutePath().normalize();
    private static final Path CLI = Path.of("bin", "coderunner").toAbsolutePath();

    @TempDir
    Path dir;

    private Path jvms;
    private Path tools;

    @BeforeEach
    void tools() throws IOException {
        jvms = Files.createDirectories(dir.resolve("jvm"));
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("ls", "sort", "readlink", "dirname", "sed", "head", "cut")) {
            link(tool);
        }
    }

    private void link(String tool) throws IOException {
        for (String folder : List.of("/usr/bin/", "/bin/")) {
            if (Files.isExecutable(Path.of(folder + tool))) {
                Files.createSymbolicLink(tools.resolve(tool), Path.of(folder + tool));
                return;
            }
        }
    }

    @Test
    void aJavaHomeOfJdk21OrNewerIsKept() throws Exception {
        Path jdk25 = jdk("temurin-25", "JAVA_VERSION=\"25.0.3\"");
        jdk("temurin-26", "JAVA_VERSION=\"26\"");

        assertThat(find(jdk25)).isEqualTo(new Result(0, jdk25.toString()));
    }

    @Test
    void anOlderJavaHomeFallsBackToTheNewestJdkInTheJvmFolder() throws Exception {
        Path jdk17 = jdk("java-17-openjdk", "JAVA_VERSION=\"17.0.15\"");
        jdk("java-21-openjdk", "JAVA_VERSION=\"21.0.2\"");
        Path jdk25 = jdk("temurin-25-jdk", "JAVA_VERSION=\"25.0.3\"");
        Path jre26 = jdk("jre-26", "JAVA_VERSION=\"26\"");
        Files.delete(jre26.resolve("bin/javac")); // a runtime, not a JDK: it cannot build

        assertThat(find(jdk17)).isEqualTo(new Result(0, jdk25.toString()));
    }

    @Test
    void aReleaseFileWithoutQuotesAndAJavaThatIsASymlinkAreRead() throws Exception {
        Path real = jdk("real-22", "JAVA_VERSION=22");
        Path linked = Files.createDirectories(jvms.resolve("linked/bin"));
        Files.createSymbolicLink(linked.resolve("java"), real.resolve("bin/java"));
        Files.createSymbolicLink(linked.resolve("javac"), real.resolve("bin/javac"));

        assertThat(find(linked.getParent())).isEqualTo(new Result(0, linked.getParent().toString()));
    }

    @Test
    void aJdkWithoutReleaseFileIsAskedForItsVersion() throws Exception {
        Path jdk = jdk("no-release", null);
        write(jdk.resolve("bin/java"), "#!/bin/sh\necho '    java.specification.version = 23' >&2\n");

        assertThat(find(jdk)).isEqualTo(new Result(0, jdk.toString()));
    }

    @Test
    void withNoJdk21OrNewerItStopsWithWhatToInstall() throws Exception {
        Path jdk17 = jdk("java-17-openjdk", "JAVA_VERSION=\"17.0.15\"");

        Result result = find(jdk17);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("CodeRunner needs a JDK 21 or newer").contains("apt-get install");
    }

    @Test
    void theCliReadsTheVersionOfAGivenJavaWithoutStartingIt() throws Exception {
        Path jdk = jdk("temurin-25", "JAVA_VERSION=\"25.0.3\"");
        Path calls = dir.resolve("calls");
        write(jdk.resolve("bin/java"), "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        Path jar = Files.writeString(dir.resolve("coderunner-cli.jar"), "not a real jar");
        for (String tool : List.of("bash", "mkdir", "find", "stat", "rm", "rmdir", "nohup")) {
            link(tool);
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", CLI.toString(), "status").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", tools.toString());
        env.put("HOME", dir.toString());
        env.put("CODERUNNER_JAVA", jdk.resolve("bin/java").toString());
        env.put("CODERUNNER_CLI_JAR", jar.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        List<String> started = Files.readAllLines(calls);
        assertThat(started).as("no JVM started just to learn the version").noneMatch(line -> line.contains("-XshowSettings"));
        assertThat(started).anyMatch(line -> line.endsWith("-jar " + jar + " status"));
    }

    /** A fake JDK: bin/java and bin/javac that fail if started, and a release file with the given line. */
    private Path jdk(String name, String releaseLine) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        write(home.resolve("java"), "#!/bin/sh\nexit 3\n");
        write(home.resolve("javac"), "#!/bin/sh\nexit 3\n");
        if (releaseLine != null) {
            Files.writeString(home.getParent().resolve("release"), "IMPLEMENTOR=\"test\"\n" + releaseLine + "\nOS_NAME=\"Linux\"\n");
        }
        return home.getParent();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exit, String output) {
    }

    private Result find(Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", ". \"$SCRIPT\" && echo \"$JAVA_HOME\"")
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("SCRIPT", SCRIPT.toString());
        env.put("PATH", tools.toString());
        env.put("CR_JVM_DIR", jvms.toString());
        env.put("JAVA_HOME", javaHome.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
