package dev.coderunner.runtime.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.coderunner.CodeRunnerHome;
import dev.coderunner.runtime.InstanceHandle;
import dev.coderunner.runtime.InstanceSpec;
import dev.coderunner.runtime.Runtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs instances as child processes of this machine. Each runs in its own session ({@code setsid}), so
 * Ctrl-C on the control plane or its exit never reaches the apps; output goes to files, so a stopped
 * control plane never blocks an app's writes. A pid file per instance lets the next control plane adopt it.
 */
@Component
public class ProcessRuntime implements Runtime {

    private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final boolean HAS_SETSID = new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute();

    private final Path runDir;

    public ProcessRuntime(CodeRunnerHome home) {
        this.runDir = home.dir("run");
    }

    /** Where an instance's stdout and stderr go: {@code <home>/run/<app>/<env>/<uid>.{stdout,stderr}}. */
    public Path outputFile(InstanceSpec spec, String stream) {
        return runDir.resolve(spec.app()).resolve(spec.env()).resolve(spec.uid() + "." + stream);
    }

    @Override
    public InstanceHandle start(InstanceSpec spec) {
        List<String> command = new ArrayList<>();
        if (HAS_SETSID) {
            command.add("setsid");
        }
        command.addAll(List.of("sh", "-c", spec.command()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.workDir().toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        try {
            Files.createDirectories(pidFile(spec).getParent());
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile(spec, "stdout").toFile()));
            builder.redirectError(ProcessBuilder.Redirect.appendTo(outputFile(spec, "stderr").toFile()));
            Process process = builder.start();
            Instant startedAt = process.info().startInstant().orElse(Instant.now());
            writePidFile(InstanceRecord.of(spec, process.pid(), startedAt));
            // The instance is its whole process group: when its main process ends, nothing of it may linger.
            CompletableFuture<Integer> exit = process.onExit().thenApply(p -> {
                ProcessGroups.kill(p.pid(), "KILL");
                return p.exitValue();
            });
            return new ProcessInstance(spec, process.toHandle(), startedAt, exit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.id() + " of " + spec.app() + "/" + spec.env() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<InstanceHandle> adopt() {
        List<InstanceHandle> adopted = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                readRecord(file).flatMap(this::reattach).ifPresentOrElse(adopted::add, () -> delete(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + runDir, e);
        }
        return adopted;
    }

    @Override
    public List<String> recentOutput(InstanceSpec spec, int lines) {
        List<String> out = new ArrayList<>();
        for (String stream : List.of("stdout", "stderr")) {
            Path file = outputFile(spec, stream);
            try {
                if (Files.exists(file)) {
                    List<String> all = tail(file);
                    all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.add(stream + ": " + l));
                }
            } catch (IOException | UncheckedIOException e) {
                out.add(stream + ": (unreadable: " + e.getMessage() + ")");
            }
        }
        return out;
    }

    /**
     * The lines of the last 64 KB of an output file: the file may be gigabytes long, and its start a hole where
     * log capture freed what it stored (read as NUL bytes, dropped here).
     */
    private static List<String> tail(Path file) throws IOException {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long from = Math.max(0, ch.size() - 65_536);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (ch.size() - from));
            ch.position(from);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read it all
            }
            String text = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8).replace("\0", "");
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (from > 0 && !lines.isEmpty()) {
                lines.removeFirst();   // cut by the window
            }
            if (!lines.isEmpty() && lines.getLast().isEmpty()) {
                lines.removeLast();
            }
            return lines;
        }
    }

    @Override
    public void forget(InstanceSpec spec) {
        delete(pidFile(spec));
    }

    private Optional<InstanceHandle> reattach(InstanceRecord record) {
        Optional<ProcessHandle> process = ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive);
        // A pid can be reused by an unrelated process: it is ours only if it started when we started it.
        boolean same = process.flatMap(p -> p.info().startInstant())
                .map(start -> Math.abs(ChronoUnit.MILLIS.between(start, record.startedAt())) < 1000)
                .orElse(false);
        if (!same) {
            return Optional.empty();
        }
        CompletableFuture<Integer> exit = process.get().onExit().thenApply(p -> {
            ProcessGroups.kill(p.pid(), "KILL");
            return -1;
        });
        return Optional.of(new ProcessInstance(record.spec(), process.get(), record.startedAt(), exit));
    }

    private Optional<InstanceRecord> readRecord(Path file) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), InstanceRecord.class));
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable pid file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private void writePidFile(InstanceRecord record) throws IOException {
        Path file = pidFile(record.spec());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(record));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private Path pidFile(InstanceSpec spec) {
        return runDir.resolve(spec.app()).resolve(spec.env()).resolve(spec.uid() + ".json");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

}
