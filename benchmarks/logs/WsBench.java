import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Write → WebSocket receipt benchmark of the logs channel (run by benchmarks/logs/ws.sh against a real
 * server process). Deploys benchmarks/logs/writer.py, opens `subscribers` WebSockets on
 * logs:<app>/production, has the app write `rate` numbered lines/s for `seconds`, each with its
 * wall-clock write time, and checks every subscriber got every line exactly once. Latency is receipt
 * time − write time (same machine clock). The server's RSS is read from /proc before and after.
 * Connects with ?batch=1 (frames may be JSON arrays of messages, possibly delivered in parts) unless
 * WS_BATCH=0. The WebSocket client is a small NIO one (one or two reader threads, frames scanned as
 * UTF-8 bytes) so that the client takes as little of the shared cores as it can: the JDK's client decodes
 * every frame to characters and took twice the server's CPU in the fan-out.
 * Deletes its app at the end, whatever happens.
 * Usage: java WsBench.java <url> <password> <archive.tar.gz> <server pid> <subscribers> <rate> <seconds>
 */
public class WsBench {

    // What the scan looks for: a message's opening, the writer's numbered line, a gap's count.
    static final Needle TYPE = needle("{\"type\":\"");
    static final Needle LINE_START = needle("\"message\":\"bench ");
    static final Needle MISSED = needle("\"missed\":");
    static final Needle EVENT = needle("event\"");
    static final Needle GAP = needle("gap\"");
    static final Needle SUBSCRIBED = needle("subscribed\"");
    static final Needle SPACE = needle(" ");
    static final Needle QUOTE = needle("\"");
    static final Needle HEAD_END = needle("\r\n\r\n");
    static final SecureRandom RANDOM = new SecureRandom();

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A byte string to look for, with its Boyer-Moore-Horspool shifts (see {@link #indexOf}). */
    record Needle(byte[] bytes, int[] shift) {
        int length() {
            return bytes.length;
        }
    }

    static Needle needle(String s) {
        byte[] b = ascii(s);
        int[] shift = new int[256];
        Arrays.fill(shift, b.length);
        for (int i = 0; i < b.length - 1; i++) {
            shift[b[i] & 0xff] = b.length - 1 - i;
        }
        return new Needle(b, shift);
    }
    /** Batched frames (?batch=1, JSON arrays of messages) unless the environment says WS_BATCH=0. */
    static final boolean BATCH = !"0".equals(System.getenv("WS_BATCH"));

    // Wall clock in ns with µs precision and cheap to read: an offset fixed at start plus nanoTime.
    static final long WALL_OFFSET;
    static {
        Instant now = Instant.now();
        WALL_OFFSET = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    static long wallNanos() {
        return WALL_OFFSET + System.nanoTime();
    }

    /**
     * Latency counts in buckets of `width` µs, and beyond them in 100 ms buckets up to 120 s (a slow fan-out still
     * gets real percentiles without a large array per subscriber); the last tail bucket takes everything beyond.
     */
    static final class Histogram {
        static final int TAIL_WIDTH_MICROS = 100_000;
        final int width;
        final int[] counts;
        final int[] tail = new int[1200];
        long max;

        Histogram(int widthMicros, int buckets) {
            this.width = widthMicros;
            this.counts = new int[buckets];
        }

        void add(long nanos) {
            long micros = Math.max(0, nanos / 1000);
            long i = micros / width;
            if (i < counts.length) {
                counts[(int) i]++;
            } else {
                tail[(int) Math.min(tail.length - 1, micros / TAIL_WIDTH_MICROS)]++;
            }
            max = Math.max(max, nanos);
        }

        void addAll(Histogram h) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += h.counts[i];
            }
            for (int i = 0; i < tail.length; i++) {
                tail[i] += h.tail[i];
            }
            max = Math.max(max, h.max);
        }

        /** The upper edge of the bucket holding quantile q, in ms. */
        double quantile(double q) {
            long total = 0;
            for (int c : counts) {
                total += c;
            }
            for (int c : tail) {
                total += c;
            }
            long want = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= want) {
                    return (i + 1) * (double) width / 1000;
                }
            }
            for (int i = 0; i < tail.length; i++) {
                seen += tail[i];
                if (seen >= want) {
                    return Math.min(max / 1e6, (i + 1) * (double) TAIL_WIDTH_MICROS / 1000);
                }
            }
            return max / 1e6;
        }
    }

    /** One subscriber: which numbered lines of this run it got, duplicates, gaps and latencies. */
    static final class Subscriber {
        final byte[] runId;
        final byte[] warmId;
        volatile int warmReceived;
        final int count;
        final BitSet got;
        final Histogram latency;
        final CountDownLatch subscribed = new CountDownLatch(1);
        volatile int received;
        int duplicates;
        volatile long gapMissed;
        int other;
        long firstWrite = Long.MAX_VALUE;
        long lastWrite;
        volatile boolean closed;
        long frames;
        long messages;
        /**
         * How far a log event's numbered line is at least from its {@code {"type":"}: the first event's distance
         * less a margin for numbers and times that print shorter later. Skipping it spares the search most of
         * each message's bytes (the search was half the client's CPU); were it ever too far, the line would be
         * counted missing, never passed over silently.
         */
        int lineOffset;

        Subscriber(String runId, String warmId, int count, Histogram latency) {
            this.runId = runId.getBytes(StandardCharsets.US_ASCII);
            this.warmId = warmId.getBytes(StandardCharsets.US_ASCII);
            this.count = count;
            this.got = new BitSet(count + 1);
            this.latency = latency;
        }

        /**
         * Every message in one text frame's UTF-8 bytes (alone, or the elements of a batched array) in one pass,
         * without decoding: the client shares the 2 cores with the server it measures, so it must not spend them
         * on decoding, regexes and copies. Messages are found by their {@code {"type":"} opening (log entries carry
         * no "type" key of their own).
         */
        void scan(byte[] b, int from, int to, long now) {
            frames++;
            int i = from;
            while ((i = indexOf(b, i, to, TYPE)) >= 0) {
                i += TYPE.length();
                messages++;
                if (startsWith(b, i, to, EVENT)) {
                    int m = indexOf(b, Math.min(i + lineOffset, to), to, LINE_START);
                    if (m < 0) {
                        other++;
                        continue;
                    }
                    if (lineOffset == 0) {
                        lineOffset = Math.max(0, m - i - 64);
                    }
                    int idStart = m + LINE_START.length();
                    int idEnd = indexOf(b, idStart, to, SPACE);
                    int nEnd = indexOf(b, idEnd + 1, to, SPACE);
                    int n = (int) digits(b, idEnd + 1, nEnd);
                    long written = digits(b, nEnd + 1, indexOf(b, nEnd + 1, to, QUOTE));
                    i = nEnd;
                    if (Arrays.equals(b, idStart, idEnd, runId, 0, runId.length)) {
                        if (got.get(n)) {
                            duplicates++;
                        } else {
                            got.set(n);
                            received++;
                        }
                        latency.add(now - written);
                        firstWrite = Math.min(firstWrite, written);
                        lastWrite = Math.max(lastWrite, written);
                    } else if (Arrays.equals(b, idStart, idEnd, warmId, 0, warmId.length)) {
                        warmReceived++;
                    } else {
                        other++;
                    }
                } else if (startsWith(b, i, to, GAP)) {
                    int m = indexOf(b, i, to, MISSED) + MISSED.length();
                    int end = m;
                    while (end < to && b[end] >= '0' && b[end] <= '9') {
                        end++;
                    }
                    gapMissed += digits(b, m, end);
                } else if (startsWith(b, i, to, SUBSCRIBED)) {
                    subscribed.countDown();
                }
            }
        }

        void closed() {
            closed = true;
            subscribed.countDown();
        }
    }

    /**
     * Where {@code what} starts in {@code b[from, to)}, or -1, by Boyer-Moore-Horspool: it looks at about one byte in
     * {@code what.length()} (17 for a numbered line's opening), where a byte-by-byte search was most of the
     * client's CPU.
     */
    static int indexOf(byte[] b, int from, int to, Needle what) {
        byte[] w = what.bytes();
        int[] shift = what.shift();
        int last = w.length - 1;
        byte lastByte = w[last];
        for (int i = from + last; i < to; ) {
            byte c = b[i];
            if (c == lastByte && matches(b, i - last, w)) {
                return i - last;
            }
            i += shift[c & 0xff];
        }
        return -1;
    }

    static boolean matches(byte[] b, int at, byte[] what) {
        for (int j = 0; j < what.length; j++) {
            if (b[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] b, int at, int to, Needle what) {
        return at + what.length() <= to && matches(b, at, what.bytes());
    }

    /** The decimal number in {@code b} between {@code from} and {@code to}. */
    static long digits(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    /**
     * A WebSocket client connection on plain NIO (RFC 6455): the handshake and the subscribe message are sent
     * blocking, then a {@link Reader} thread reads its frames without blocking. Server frames are not masked;
     * text frames (and their continuations) are handed to the subscriber as bytes; pings are answered.
     */
    static final class Connection {
        final SocketChannel channel;
        final Subscriber subscriber;
        ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        byte[] message = new byte[0];   // a fragmented text message being put together
        int messageLength;
        boolean fragmented;

        Connection(URI uri, String token, Subscriber subscriber, String subscribe) throws IOException {
            this.subscriber = subscriber;
            channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            String request = "GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n";
            writeFully(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            // The answer's head; whatever follows it is already frames.
            while (true) {
                if (channel.read(in) < 0) {
                    throw new IOException("the server closed the connection during the handshake");
                }
                int end = indexOf(in.array(), 0, in.position(), HEAD_END);
                if (end >= 0) {
                    String head = new String(in.array(), 0, end, StandardCharsets.US_ASCII);
                    if (!head.startsWith("HTTP/1.1 101")) {
                        throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
                    }
                    in.flip().position(end + HEAD_END.length()).compact();
                    break;
                }
            }
            send(0x1, subscribe.getBytes(StandardCharsets.UTF_8));
            channel.configureBlocking(false);
        }

        /** A masked frame, as a client must send; written while the channel may be non-blocking. */
        synchronized void send(int opcode, byte[] payload) throws IOException {
            ByteBuffer f = ByteBuffer.allocate(14 + payload.length);
            f.put((byte) (0x80 | opcode));
            if (payload.length < 126) {
                f.put((byte) (0x80 | payload.length));
            } else if (payload.length < 65536) {
                f.put((byte) (0x80 | 126)).putShort((short) payload.length);
            } else {
                f.put((byte) (0x80 | 127)).putLong(payload.length);
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            f.put(mask);
            for (int i = 0; i < payload.length; i++) {
                f.put((byte) (payload[i] ^ mask[i & 3]));
            }
            writeFully(f.flip());
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (channel.write(b) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        /** Reads what the socket has and hands over every complete frame; false once the connection ended. */
        boolean readable() throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                return false;
            }
            long now = wallNanos();
            byte[] b = in.array();
            int pos = 0;
            int limit = in.position();
            while (limit - pos >= 2) {
                int op = b[pos] & 0x0f;
                boolean fin = (b[pos] & 0x80) != 0;
                long len = b[pos + 1] & 0x7f;
                int head = 2;
                if (len == 126) {
                    if (limit - pos < 4) {
                        break;
                    }
                    len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
                    head = 4;
                } else if (len == 127) {
                    if (limit - pos < 10) {
                        break;
                    }
                    len = ByteBuffer.wrap(b, pos + 2, 8).getLong();
                    head = 10;
                }
                if (limit - pos - head < len) {
                    if (head + len > b.length) {   // a frame larger than the buffer: grow it
                        ByteBuffer bigger = ByteBuffer.allocate((int) Math.max(2L * b.length, head + len));
                        bigger.put(b, pos, limit - pos);
                        in = bigger;
                        return true;
                    }
                    break;
                }
                int start = pos + head;
                int end = start + (int) len;
                if (op == 0x1 || op == 0x0) {
                    if (fin && !fragmented) {
                        subscriber.scan(b, start, end, now);
                    } else {
                        fragmented = true;
                        append(b, start, end);
                        if (fin) {
                            subscriber.scan(message, 0, messageLength, now);
                            fragmented = false;
                            messageLength = 0;
                        }
                    }
                } else if (op == 0x8) {
                    return false;
                } else if (op == 0x9) {
                    send(0xA, Arrays.copyOfRange(b, start, end));
                }
                pos = end;
            }
            in.position(pos).limit(limit).compact();
            return true;
        }

        private void append(byte[] b, int from, int to) {
            if (messageLength + (to - from) > message.length) {
                message = Arrays.copyOf(message, Math.max(2 * message.length, messageLength + (to - from)));
            }
            System.arraycopy(b, from, message, messageLength, to - from);
            messageLength += to - from;
        }

        /** Closed by the benchmark at its end: not counted as the server closing it. */
        volatile boolean ending;

        void close() {
            ending = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the benchmark is over
            }
        }
    }

    /** One thread reading many connections through one selector. */
    static final class Reader extends Thread {
        final Selector selector;
        final Queue<Connection> added = new ConcurrentLinkedQueue<>();

        Reader(int n) throws IOException {
            super("ws-reader-" + n);
            setDaemon(true);
            selector = Selector.open();
        }

        void add(Connection c) {
            added.add(c);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (selector.isOpen()) {
                    selector.select();
                    for (Connection c; (c = added.poll()) != null; ) {
                        c.channel.register(selector, SelectionKey.OP_READ, c);
                        // Bytes that came with the handshake's answer.
                        if (c.in.position() > 0 && !c.readable()) {
                            c.close();
                            c.subscriber.closed();
                        }
                    }
                    for (SelectionKey k : selector.selectedKeys()) {
                        Connection c = (Connection) k.attachment();
                        boolean open;
                        try {
                            open = k.isValid() && c.readable();
                        } catch (IOException e) {
                            open = false;
                        } catch (RuntimeException e) {
                            // A frame this client could not read: say so and count the subscriber as closed,
                            // rather than letting the reader thread die with the other connections it serves.
                            System.out.println("client error on a connection (counted as closed): " + e);
                            open = false;
                        }
                        if (!open) {
                            k.cancel();
                            if (!c.ending) {
                                c.close();
                                c.subscriber.closed();
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | ClosedSelectorException e) {
                // closed at the end of the benchmark
            }
        }
    }

    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String token;

    WsBench(String base) {
        this.base = base;
    }

    String call(String method, String path, HttpRequest.BodyPublisher body, String type) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).method(method, body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** Has the app write {@code count} lines "bench <id> <n> <time>" at {@code rate} a second (returns at once). */
    void write(int appPort, String id, int rate, int count) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/run?id=" + id + "&rate=" + rate
                + "&count=" + count)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("the writer answered " + r.statusCode());
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** User and system CPU of a process so far, in clock ticks (fields 14 and 15 of /proc/<pid>/stat; 100 a second here). */
    static long[] cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // after "pid (name) ": field 3 is f[0]
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /** "user 0.52 + system 0.05 cores" over {@code seconds}, from two {@link #cpuTicks} readings. */
    static String cores(long[] before, long[] after, double seconds) {
        return String.format("user %.2f + system %.2f cores", (after[0] - before[0]) / 100.0 / seconds, (after[1] - before[1]) / 100.0 / seconds);
    }

    public static void main(String[] a) throws Exception {
        String url = a[0];
        String password = a[1];
        Path archive = Path.of(a[2]);
        long serverPid = Long.parseLong(a[3]);
        int subscribers = Integer.parseInt(a[4]);
        int rate = Integer.parseInt(a[5]);
        int seconds = Integer.parseInt(a[6]);
        WsBench bench = new WsBench(url);
        bench.token = field(bench.call("POST", "/api/v1/auth/login",
                HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}"), "application/json"), "accessToken");
        String app = "wsbench-" + Long.toString(System.currentTimeMillis(), 36);
        try {
            bench.run(app, archive, serverPid, subscribers, rate, seconds);
        } finally {
            try {
                bench.call("DELETE", "/api/v1/apps/" + app, HttpRequest.BodyPublishers.noBody(), null);
                System.out.println("cleanup: deleted app " + app);
            } catch (IOException e) {
                System.out.println("cleanup: could not delete " + app + ": " + e.getMessage());
            }
        }
        System.exit(0);
    }

    void run(String app, Path archive, long serverPid, int subscribers, int rate, int seconds) throws Exception {
        call("POST", "/api/v1/apps", HttpRequest.BodyPublishers.ofString("{\"name\":\"" + app + "\"}"), "application/json");
        String dep = call("POST", "/api/v1/apps/" + app + "/envs/production/deployments", HttpRequest.BodyPublishers.ofFile(archive),
                "application/gzip");
        String id = field(dep, "id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String status;
        while (!(status = field(call("GET", "/api/v1/deployments/" + id, HttpRequest.BodyPublishers.noBody(), null), "status")).equals("succeeded")) {
            if (status.equals("failed") || status.equals("rolled-back") || status.equals("cancelled") || System.nanoTime() > deadline) {
                throw new IllegalStateException("deployment " + id + " ended " + status);
            }
            Thread.sleep(250);
        }
        String instances = call("GET", "/api/v1/apps/" + app + "/envs/production/instances", HttpRequest.BodyPublishers.noBody(), null);
        int port = Integer.parseInt(field(instances, "port"));
        System.gc();
        Thread.sleep(2000);
        long rssBefore = rssKb(serverPid);

        String runId = "r" + Long.toString(System.nanoTime(), 36);
        int count = rate * seconds;
        // One histogram per subscriber: no sharing between reader threads.
        List<Subscriber> subs = new ArrayList<>();
        List<Connection> sockets = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < (subscribers >= 100 ? 2 : 1); i++) {
            Reader r = new Reader(i);
            r.start();
            readers.add(r);
        }
        // One subscriber: 10 µs buckets up to 10 s; many: 250 µs buckets up to 2.5 s (40 KB each); then 100 ms buckets.
        int width = subscribers == 1 ? 10 : 250;
        int buckets = subscribers == 1 ? 1_000_000 : 10_000;
        URI ws = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/ws" + (BATCH ? "?batch=1" : ""));
        String subscribe = "{\"type\":\"subscribe\",\"channel\":\"logs:" + app + "/production\",\"since\":\"now\"}";
        long connectStart = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            Subscriber s = new Subscriber(runId, "w" + runId, count, new Histogram(width, buckets));
            subs.add(s);
            Connection c = new Connection(ws, token, s, subscribe);
            sockets.add(c);
            readers.get(i % readers.size()).add(c);
        }
        for (Subscriber s : subs) {
            if (!s.subscribed.await(60, TimeUnit.SECONDS) || s.closed) {
                throw new IllegalStateException("a subscriber was not subscribed");
            }
        }
        System.gc();
        Thread.sleep(2000);
        long rssSubscribed = rssKb(serverPid);
        System.out.printf("%d subscribers connected and subscribed in %.1f s%n", subscribers, (System.nanoTime() - connectStart) / 1e9);

        // A freshly started server runs the send path interpreted and compiles it meanwhile (on 2 cores that
        // is a stall of a few hundred ms): warm it up at the same rate first, not counted, as a server that
        // has been running for a while would be. WARMUP_SECONDS=0 measures the cold start instead.
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "3"));
        if (warmup > 0) {
            long warmStart = System.nanoTime();
            int warmCount = rate * warmup;
            write(port, "w" + runId, rate, warmCount);
            // Until every subscriber has all of it, or (lines lost to gaps while cold) nothing came for 2 s.
            long warmEnd = warmStart + TimeUnit.SECONDS.toNanos(warmup + 60L);
            long lastTotal = -1;
            long lastChange = System.nanoTime();
            while (System.nanoTime() < warmEnd && subs.stream().anyMatch(s -> s.warmReceived < warmCount && !s.closed)
                    && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(warmup + 2L)) {
                Thread.sleep(100);
                long total = subs.stream().mapToLong(s -> s.warmReceived).sum();
                if (total != lastTotal) {
                    lastTotal = total;
                    lastChange = System.nanoTime();
                }
            }
            Thread.sleep(1000);
            long warmGaps = subs.stream().mapToLong(s -> s.gapMissed).sum();
            subs.forEach(s -> s.gapMissed = 0);   // the readers are idle now: only the measured run's gaps count below
            System.out.printf("warm-up (not counted): %d lines at %d/s, all received by %d of %d subscribers, %d replaced by gaps, after %.1f s%n",
                    warmCount, rate, subs.stream().filter(s -> s.warmReceived == warmCount).count(), subscribers, warmGaps,
                    (System.nanoTime() - warmStart) / 1e9);
        }

        long[] serverCpu = cpuTicks(serverPid);
        long[] clientCpu = cpuTicks(ProcessHandle.current().pid());
        long start = System.nanoTime();
        write(port, runId, rate, count);
        long end = start + TimeUnit.SECONDS.toNanos(seconds + 60L);
        while (System.nanoTime() < end && subs.stream().anyMatch(s -> s.received < count && !s.closed)) {
            Thread.sleep(100);
        }
        double took = (System.nanoTime() - start) / 1e9;
        String serverCores = cores(serverCpu, cpuTicks(serverPid), took);
        String clientCores = cores(clientCpu, cpuTicks(ProcessHandle.current().pid()), took);
        long rssAfter = rssKb(serverPid);
        sockets.forEach(Connection::close);

        Histogram all = new Histogram(width, buckets);
        long missing = 0;
        long duplicates = 0;
        long gapMissed = 0;
        long other = 0;
        int complete = 0;
        int closed = 0;
        long firstWrite = Long.MAX_VALUE;
        long lastWrite = 0;
        long received = 0;
        long frames = 0;
        long messages = 0;
        for (Subscriber s : subs) {
            frames += s.frames;
            messages += s.messages;
            all.addAll(s.latency);
            int have = s.got.cardinality() - (s.got.get(0) ? 1 : 0);
            missing += count - have;
            received += s.received;
            duplicates += s.duplicates;
            gapMissed += s.gapMissed;
            other += s.other;
            complete += have == count && s.duplicates == 0 ? 1 : 0;
            closed += s.closed ? 1 : 0;
            firstWrite = Math.min(firstWrite, s.firstWrite);
            lastWrite = Math.max(lastWrite, s.lastWrite);
        }
        double writeSeconds = (lastWrite - firstWrite) / 1e9;
        System.out.printf("%s subscribers=%d rate=%d/s lines=%d (written in %.1f s: %.0f lines/s) waited=%.1fs: complete=%d/%d missing=%d duplicates=%d gap-missed=%d other=%d closed=%d%n",
                subscribers == 1 ? "WS_LATENCY" : "WS_FANOUT", subscribers, rate, count, writeSeconds, (count - 1) / Math.max(writeSeconds, 1e-9), took,
                complete, subscribers, missing, duplicates, gapMissed, other, closed);
        System.out.printf("%s frames: %s, %d frames carried %d messages (%.1f per frame)%n", subscribers == 1 ? "WS_LATENCY" : "WS_FANOUT",
                BATCH ? "batched (?batch=1)" : "one message each", frames, messages, messages / (double) Math.max(1, frames));
        System.out.printf("%s write->receipt over %d receipts: p50=%.2fms p90=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms%n",
                subscribers == 1 ? "WS_LATENCY" : "WS_FANOUT", received, all.quantile(0.50), all.quantile(0.90), all.quantile(0.99), all.quantile(0.999), all.max / 1e6);
        System.out.printf("%s server RSS: before=%dMB subscribed=%dMB after=%dMB growth=%+dMB (subscribing %+dMB, streaming %+dMB)%n",
                subscribers == 1 ? "WS_LATENCY" : "WS_FANOUT", rssBefore >> 10, rssSubscribed >> 10, rssAfter >> 10, (rssAfter - rssBefore) >> 10,
                (rssSubscribed - rssBefore) >> 10, (rssAfter - rssSubscribed) >> 10);
        // The client shares the machine: what it takes, the server cannot have (Linux's clock ticks: 100 a second).
        System.out.printf("%s CPU over the %.1f s run: server %s, this client %s%n", subscribers == 1 ? "WS_LATENCY" : "WS_FANOUT",
                took, serverCores, clientCores);
    }
}
