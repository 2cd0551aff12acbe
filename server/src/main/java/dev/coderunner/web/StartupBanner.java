package dev.coderunner.web;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.coderunner.CodeRunnerHome;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tells the person who started the server where to go and how to log in. */
@Component
class StartupBanner {

    private final CodeRunnerHome home;
    private final String domain;
    private final int routerPort;

    StartupBanner(CodeRunnerHome home, @Value("${coderunner.domain}") String domain,
            @Value("${coderunner.router.public-port:${coderunner.router.port}}") int routerPort) {
        this.home = home;
        this.domain = domain;
        this.routerPort = routerPort;
    }

    @EventListener
    @Order(100)
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 7700;
        Path password = home.root().resolve("initial-admin-password");
        String login = Files.exists(password)
                ? "user 'admin', password in " + password
                : "user 'admin' (password from CODERUNNER_ADMIN_PASSWORD or set earlier)";
        System.out.printf("""

                CodeRunner is running.
                  Dashboard and API: http://localhost:%d/   (API under /api/v1)
                  Apps:              http://<app>.%s:%d/
                  Log in:            %s
                  CLI:               ./coderunner login --server http://localhost:%d
                  Data:              %s

                """, port, domain, routerPort, login, port, home.root());
    }
}
