package dev.coderunner.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's class-cache training start runs a whole start-up, asks each server once, and exits by itself. */
class TrainingStartTest {

    @Test
    void aTrainingStartExitsOnceReady(@TempDir Path dir) throws IOException, InterruptedException {
        Path output = dir.resolve("training.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.coderunner.CodeRunnerApplication",
                "--coderunner.training-start=true", "--coderunner.home=" + dir.resolve("home"), "--server.port=0", "--coderunner.router.port=0")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = server.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        String log = Files.readString(output);
        assertThat(exited).as(log).isTrue();
        assertThat(server.exitValue()).as(log).isZero();
        assertThat(log).contains("Training start: API, dashboard and router answered; exiting");
    }
}
