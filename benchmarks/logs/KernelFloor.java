import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fan-out's reference: what the kernel alone costs to carry WebSocket-sized frames over loopback to many sockets
 * on this machine, with no server or client work at all. One writer thread writes a frame to each of N sockets in
 * turn, as fast as it can (a "round" is one frame to every socket); reader threads drain the other ends with a
 * selector and throw the bytes away. Prints frames/s, the time a round takes, and each thread's CPU from
 * /proc/self/task (user and system), so the fan-out benchmark's figures can be set against this floor.
 * Usage: java KernelFloor.java [sockets 1000] [frame bytes 3700] [seconds 10] [reader threads 2]
 */
public class KernelFloor {

    private static volatile boolean stop;

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int frameBytes = args.length > 1 ? Integer.parseInt(args[1]) : 3700;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int readers = args.length > 3 ? Integer.parseInt(args[3]) : 2;

        List<SocketChannel> writeEnds = new ArrayList<>();
        List<SocketChannel> readEnds = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), sockets)) {
            for (int i = 0; i < sockets; i++) {
                SocketChannel readEnd = SocketChannel.open(listener.getLocalAddress());
                SocketChannel writeEnd = listener.accept();
                writeEnd.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);   // as Tomcat sets it
                writeEnd.configureBlocking(false);
                readEnd.configureBlocking(false);
                writeEnds.add(writeEnd);
                readEnds.add(readEnd);
            }
        }

        AtomicLong bytesRead = new AtomicLong();
        List<Thread> readerThreads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            Selector selector = Selector.open();
            for (int i = r; i < sockets; i += readers) {
                readEnds.get(i).register(selector, SelectionKey.OP_READ);
            }
            readerThreads.add(Thread.ofPlatform().name("reader-" + r).start(() -> drain(selector, bytesRead)));
        }

        ByteBuffer frame = ByteBuffer.allocateDirect(frameBytes);
        long[] counts = new long[3];   // frames written, writes refused, rounds
        Map<String, long[]> before = threadCpu();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Map<String, long[]>> afterRef = new ArrayList<>();
        Thread writer = Thread.ofPlatform().name("writer").start(() -> {
            try {
                while (System.nanoTime() < end) {
                    for (SocketChannel s : writeEnds) {
                        counts[s.write(frame.duplicate()) > 0 ? 0 : 1]++;   // refused: the reader is behind, the buffer full
                    }
                    counts[2]++;
                }
                afterRef.add(threadCpu());   // while this thread still exists
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.join();
        long frames = counts[0], refused = counts[1], rounds = counts[2];
        double took = (System.nanoTime() - start) / 1e9;
        Map<String, long[]> after = afterRef.getFirst();
        stop = true;
        for (Thread t : readerThreads) {
            t.join();
        }

        System.out.printf("KERNEL_FLOOR sockets=%d frame=%d B readers=%d: %.0f frames/s, a round of %d frames every %.2f ms, "
                + "%d writes refused (buffer full), %.0f MB/s read%n", sockets, frameBytes, readers, frames / took, sockets,
                took * 1000 / rounds, refused, bytesRead.get() / 1e6 / took);
        double ticksPerSecond = 100;   // USER_HZ
        double writerUser = 0, writerSys = 0, readerUser = 0, readerSys = 0;
        for (var e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            double user = (e.getValue()[0] - b[0]) / ticksPerSecond / took;
            double sys = (e.getValue()[1] - b[1]) / ticksPerSecond / took;
            if (e.getKey().endsWith(":writer")) {
                writerUser += user;
                writerSys += sys;
            } else if (e.getKey().contains(":reader-")) {
                readerUser += user;
                readerSys += sys;
            }
        }
        System.out.printf("KERNEL_FLOOR CPU: writer user %.2f + system %.2f cores (%.1f µs per frame), readers user %.2f + system %.2f cores (%.1f µs per frame)%n",
                writerUser, writerSys, (writerUser + writerSys) * 1e6 * took / frames,
                readerUser, readerSys, (readerUser + readerSys) * 1e6 * took / frames);
    }

    private static void drain(Selector selector, AtomicLong bytesRead) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (!stop) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    int got;
                    while ((got = ((SocketChannel) key.channel()).read(buffer.clear())) > 0) {
                        bytesRead.addAndGet(got);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each thread's "tid:name" → {user, system} clock ticks, from /proc/self/task/<tid>/stat. */
    private static Map<String, long[]> threadCpu() throws java.io.IOException {
        Map<String, long[]> cpu = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    cpu.put(task.getFileName() + ":" + name, new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])});
                } catch (java.nio.file.NoSuchFileException e) {
                    // a thread that ended meanwhile
                }
            }
        }
        return cpu;
    }
}
