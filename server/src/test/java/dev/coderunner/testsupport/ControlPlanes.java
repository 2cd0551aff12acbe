package dev.coderunner.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.coderunner.CodeRunnerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole control planes a test starts and stops itself (to restart one on the same home), on free ports.
 * Settings go in as command-line arguments: they outrank application.yml, so nothing can fall back to
 * {@code ~/.coderunner} or the default ports (as default properties would).
 */
public final class ControlPlanes {

    private ControlPlanes() {
    }

    /** Starts one on {@code home} with {@code admin}'s password and any further {@code --name=value} settings. */
    public static ConfigurableApplicationContext start(Path home, String adminPassword, String... settings) throws IOException {
        Files.createDirectories(home);
        List<String> args = new ArrayList<>(List.of("--coderunner.home=" + home, "--server.port=0", "--coderunner.router.port=0",
                "--CODERUNNER_ADMIN_PASSWORD=" + adminPassword));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(CodeRunnerApplication.class).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** An API client logged in as {@code admin}. */
    public static Api admin(ConfigurableApplicationContext context, String adminPassword) {
        return new Api(port(context)).login("admin", adminPassword);
    }
}
