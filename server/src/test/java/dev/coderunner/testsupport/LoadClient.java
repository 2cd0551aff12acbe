package dev.coderunner.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady traffic through the router over keep-alive connections, counting every answer: statuses,
 * connection resets and timeouts. Each connection sends at most {@code perConnectionRps} requests a second.
 */
public final class LoadClient implements AutoCloseable {

    private final int port;
    private final String host;
    private final int perConnectionRps;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    public LoadClient(int port, String host, int connections, int perConnectionRps) {
        this.port = port;
        this.host = host;
        this.perConnectionRps = perConnectionRps;
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofVirtual().start(this::loop));
        }
    }

    public long ok() {
        return ok.get();
    }

    /** Every answer that was not a 200, by kind ("503", "reset", "timeout", …). */
    public Map<String, Long> failures() {
        Map<String, Long> out = new java.util.TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(5000);
        }
    }

    private void loop() {
        long intervalNanos = 1_000_000_000L / perConnectionRps;
        while (running.get()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                byte[] request = ("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                long next = System.nanoTime();
                while (running.get()) {
                    out.write(request);
                    out.flush();
                    Answer a = read(in);
                    if (a.status == 200) {
                        ok.incrementAndGet();
                    } else {
                        fail(Integer.toString(a.status));
                    }
                    if (a.close) {
                        break;
                    }
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                fail("timeout");
            } catch (IOException e) {
                if (running.get()) {
                    fail("reset: " + e.getMessage());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void fail(String kind) {
        failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private record Answer(int status, boolean close) {
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before an answer");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                in.readNBytes((int) size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.readNBytes((int) length);
        }
        return new Answer(status, close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
