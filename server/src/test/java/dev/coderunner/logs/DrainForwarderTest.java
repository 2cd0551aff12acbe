package dev.coderunner.logs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import dev.coderunner.testsupport.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drains to a syslog receiver and an HTTP receiver started by the test, including retries. */
class DrainForwarderTest {

    @TempDir
    Path dir;

    private final AtomicLong sentCursor = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    private DrainForwarder forwarder;

    @AfterEach
    void stop() {
        if (forwarder != null) {
            forwarder.stop();
        }
    }

    private DrainForwarder forward(String url, EnvLog log) {
        forwarder = new DrainForwarder(new LogDrain("drn_1", "shop", "production", url, 0, Instant.now()), log, Duration.ofMillis(50),
                Duration.ofMillis(400), sentCursor::set, new DrainForwarder.Counts() {
                    @Override
                    public void sent(long n) {
                    }

                    @Override
                    public void failed() {
                        failures.incrementAndGet();
                    }

                    @Override
                    public void skipped(long n) {
                    }
                });
        forwarder.start();
        return forwarder;
    }

    private static List<LogEntry> entries(int from, int to) {
        List<LogEntry> out = new java.util.ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(new LogEntry(0, LogEntry.micros(Instant.parse("2026-01-01T00:00:00Z")) + i, 2, "web", "web.1", "stdout",
                    i % 10 == 0 ? "error" : "info", "line " + i, null, 0));
        }
        return out;
    }

    @Test
    void sendsRfc5424FramesOverTcp() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept(); InputStream in = new BufferedInputStream(s.getInputStream())) {
                    while (true) {
                        int length = 0;
                        int c;
                        while ((c = in.read()) != ' ') {
                            if (c < 0) {
                                return;
                            }
                            length = length * 10 + (c - '0');
                        }
                        received.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the test ended
                }
            });
            EnvLog log = new EnvLog("shop", "production", dir, 1 << 20);
            log.append(entries(1, 10));
            forward("syslog+tcp://127.0.0.1:" + server.getLocalPort(), log);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 10);
            log.append(entries(11, 20));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 20);
        }
        assertThat(received.getFirst()).isEqualTo("<14>1 2026-01-01T00:00:00.000001Z production shop web.1 stdout - line 1");
        assertThat(received.get(9)).startsWith("<11>1 ").endsWith(" - line 10");
        assertThat(sentCursor.get()).isEqualTo(20);
    }

    @Test
    void retriesAnHttpReceiverWithBackoffUntilItTakesTheBatch() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ingest", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = calls.incrementAndGet() <= 2 ? 503 : 204;
            if (status == 204) {
                Api.JSON.readTree(body).forEach(received::add);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            EnvLog log = new EnvLog("shop", "production", dir, 1 << 20);
            log.append(entries(1, 700));
            forward("http://127.0.0.1:" + server.getAddress().getPort() + "/ingest", log);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 700);
        } finally {
            server.stop(0);
        }
        assertThat(failures.get()).isEqualTo(2);
        assertThat(received).extracting(e -> e.get("message").asString()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 700).mapToObj(i -> "line " + i).toList());
        assertThat(received.getFirst().get("cursor").asString()).isEqualTo("1");
        assertThat(sentCursor.get()).isEqualTo(700);
    }
}
