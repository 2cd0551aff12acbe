package dev.coderunner.deploy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.events.EventBus;
import org.springframework.stereotype.Component;

/**
 * Each deployment's own log (build output and phase lines), kept in {@code <home>/deployments/<id>.log}
 * as {@code <time>\t<line>} and published live on channel {@code deployment:<id>}, numbered so a
 * reader can join the file and the live stream without loss or repeats.
 */
@Component
class DeploymentLog {

    record Line(long n, Instant time, String line) {
    }

    private final Path dir;
    private final Clock clock;
    private final EventBus bus;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    DeploymentLog(CodeRunnerHome home, Clock clock, EventBus bus) {
        this.dir = home.dir("deployments");
        this.clock = clock;
        this.bus = bus;
    }

    synchronized void append(String deploymentId, String text) {
        AtomicLong counter = counters.computeIfAbsent(deploymentId, id -> new AtomicLong(read(id).size()));
        Instant now = clock.instant();
        String clean = text.replace('\t', ' ').replace('\r', ' ');
        try (BufferedWriter out = Files.newBufferedWriter(file(deploymentId), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(now + "\t" + clean + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long n = counter.incrementAndGet();
        bus.publish("deployment:" + deploymentId, "log", new Line(n, now, clean));
    }

    /** Stops counting for a finished deployment (its file stays). */
    void close(String deploymentId) {
        counters.remove(deploymentId);
    }

    List<Line> read(String deploymentId) {
        Path file = file(deploymentId);
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = raw.indexOf('\t');
                lines.add(new Line(lines.size() + 1, tab > 0 ? Instant.parse(raw.substring(0, tab)) : null, raw.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private Path file(String deploymentId) {
        return dir.resolve(deploymentId + ".log");
    }
}
