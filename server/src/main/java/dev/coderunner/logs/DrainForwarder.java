package dev.coderunner.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards one drain: reads the environment's stored log from the drain's cursor, sends batches, and
 * moves the cursor on success. On failure it waits (doubling from {@code backoff} up to
 * {@code maxBackoff}) and sends the same batch again, so a receiver that is down loses nothing that
 * retention still keeps (delivery is at least once).
 */
final class DrainForwarder {

    private static final Logger log = LoggerFactory.getLogger(DrainForwarder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 500;

    interface Counts {
        void sent(long n);

        void failed();

        void skipped(long n);
    }

    private final LogDrain drain;
    private final EnvLog source;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final LongConsumer onSent;
    private final Counts counts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean running = true;
    private Thread thread;
    private Socket socket;
    private volatile long cursor;   // volatile: read by backlog() on other threads

    DrainForwarder(LogDrain drain, EnvLog source, Duration backoff, Duration maxBackoff, LongConsumer onSent, Counts counts) {
        this.drain = drain;
        this.source = source;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.onSent = onSent;
        this.counts = counts;
        this.cursor = drain.sentCursor();
    }

    /** Stored entries this drain has still to send (what retention removes meanwhile is skipped, so not counted). */
    long backlog() {
        return Math.max(0, source.lastSeq() - Math.max(cursor, source.firstSeq() - 1));
    }

    void start() {
        thread = Thread.ofVirtual().name("drain-" + drain.id()).start(this::run);
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        closeSocket();
    }

    private void run() {
        Duration wait = backoff;
        while (running) {
            try {
                long first = source.firstSeq();
                if (cursor < first - 1) {
                    counts.skipped(first - 1 - cursor);   // removed by retention before it could be sent
                    cursor = first - 1;
                }
                List<LogEntry> batch = source.scanForward(cursor, Long.MIN_VALUE, Long.MAX_VALUE, e -> true, BATCH);
                if (batch.isEmpty()) {
                    source.awaitAfter(cursor, Duration.ofSeconds(5));
                    continue;
                }
                send(batch);
                cursor = batch.getLast().seq();
                onSent.accept(cursor);
                counts.sent(batch.size());
                wait = backoff;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                counts.failed();
                closeSocket();
                log.warn("Log drain {} to {} failed, retrying in {}: {}", drain.id(), drain.safeUrl(), wait, e.toString());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : wait.multipliedBy(2);
            }
        }
    }

    private void send(List<LogEntry> batch) throws IOException, InterruptedException {
        if (drain.kind() == LogDrain.Kind.SYSLOG) {
            if (socket == null) {
                URI uri = URI.create(drain.url());
                socket = new Socket();
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
                socket.setSoTimeout(10_000);
            }
            OutputStream out = socket.getOutputStream();
            for (LogEntry e : batch) {
                out.write(SyslogFormat.frame(drain.app(), drain.env(), e));
            }
            out.flush();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(drain.url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", "coderunner-log-drain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch.stream().map(LogEntry::view).toList()))).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("answered " + response.statusCode());
        }
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("closing drain socket: {}", e.toString());
            }
            socket = null;
        }
    }
}
