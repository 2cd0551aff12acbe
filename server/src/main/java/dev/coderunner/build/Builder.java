package dev.coderunner.build;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs a manifest's build in the slug folder, streaming every output line to {@code output}. */
@Component
public class Builder {

    private static final Logger log = LoggerFactory.getLogger(Builder.class);
    /** The platform's own variables a build may see; everything else (credentials, tokens) stays out. */
    static final List<String> INHERITED = List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TZ", "TMPDIR",
            "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "MAVEN_OPTS");
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final BuildProperties properties;

    public Builder(BuildProperties properties) {
        this.properties = properties;
    }

    /** Runs the build command; a non-zero exit or a timeout is a failed result, not an exception. */
    public BuildResult build(Path slugDir, Manifest manifest, Map<String, String> env, Consumer<String> output) {
        String command = manifest.buildCommand();
        if (command == null || command.isBlank()) {
            return BuildResult.ok();
        }
        // stdin is /dev/null: a build that asks a question gets end-of-file instead of hanging until the timeout
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(slugDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        environment(builder.environment(), env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return BuildResult.failed("build command could not start: " + e.getMessage());
        }
        Thread pump = Thread.ofVirtual().name("build-output-" + process.pid()).start(() -> pump(process, output));
        try {
            if (!process.waitFor(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                pump.join(DRAIN);
                return BuildResult.failed("build timed out after " + human(properties.timeout()));
            }
            // a background child may keep the pipe open after sh exits; don't wait for it forever
            pump.join(DRAIN);
            int exit = process.exitValue();
            return exit == 0 ? BuildResult.ok() : BuildResult.failed("build command exited with code " + exit);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return BuildResult.failed("build was cancelled");
        }
    }

    static void environment(Map<String, String> target, Map<String, String> env) {
        Map<String, String> platform = Map.copyOf(target);
        target.clear();
        INHERITED.forEach(name -> {
            if (platform.containsKey(name)) {
                target.put(name, platform.get(name));
            }
        });
        // the JVM running CodeRunner is a full JDK, so ./mvnw builds with it whatever java is on PATH
        String javaHome = System.getProperty("java.home");
        target.put("JAVA_HOME", javaHome);
        target.put("PATH", javaHome + "/bin:" + target.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        target.putIfAbsent("HOME", System.getProperty("user.home"));
        target.put("CI", "true");
        target.putAll(env);
    }

    private static void pump(Process process, Consumer<String> output) {
        try {
            OutputLines.pump(process.getInputStream(), line -> {
                try {
                    output.accept(line);
                } catch (RuntimeException e) {
                    // keep draining: a stalled pipe would block the build until its timeout
                    log.warn("build output consumer failed: {}", e.toString());
                }
            });
        } catch (IOException e) {
            // the stream is closed under us when the process tree is killed
            log.debug("build output ended: {}", e.getMessage());
        }
    }

    /** Kills children first: once the shell is gone they would be re-parented and out of reach. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.getInputStream().close();
        } catch (IOException e) {
            log.debug("closing the build output failed: {}", e.getMessage());
        }
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
