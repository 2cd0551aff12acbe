package dev.coderunner.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.coderunner.router.RouterServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The launcher's class-cache training start ({@code --coderunner.training-start=true}, on a scratch home, a scratch H2
 * database and free ports: a whole start reconciles every environment in its database, so it must never see the real
 * one): once start-up has finished, it asks the API, the dashboard and the router once each, so the classes of a
 * finished start-up and of a first request are in the cache too, then exits. Stopping at the end of the context
 * refresh instead left out the web server's and the router's start and made each later start about 5 % slower
 * (docs/decisions/0012-start-up.md).
 */
@Component
class TrainingStart {

    private static final Logger log = LoggerFactory.getLogger(TrainingStart.class);

    private final boolean enabled;
    private final RouterServer router;

    TrainingStart(@Value("${coderunner.training-start:false}") boolean enabled, RouterServer router) {
        this.enabled = enabled;
        this.router = router;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void ready(ApplicationReadyEvent event) {
        if (!enabled || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        int apiPort = web.getWebServer().getPort();
        int routerPort = router.port();
        Thread.ofPlatform().name("training-start").start(() -> {
            try {
                get(apiPort, "localhost", "/readyz");
                get(apiPort, "localhost", "/");
                get(apiPort, "localhost", "/api/v1/apps");
                if (routerPort > 0) {
                    get(routerPort, "training.localhost", "/");
                }
                log.info("Training start: API, dashboard and router answered; exiting");
            } catch (IOException e) {
                log.warn("Training request failed: {}", e.toString());
            }
            System.exit(0);
        });
    }

    /** One request over a plain socket: an HTTP client library would add its own classes to the cache. */
    private static void get(int port, String host, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
