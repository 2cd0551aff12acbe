package dev.coderunner.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Hands out free TCP ports for instances from a configured range. A port counts as free when nothing
 * is bound to it and no other control plane on this machine holds it: between handing a port out and
 * the app binding it there is a window in which a second control plane (or test context) could pick it
 * too, so each port given out is also held by a file lock until it is released.
 */
@Component
public class PortAllocator {

    private final int first;
    private final int last;
    private final Path lockDir;
    private final Map<Integer, FileLock> held = new HashMap<>();
    private int next;

    public PortAllocator(@Value("${coderunner.runtime.ports.first:20000}") int first, @Value("${coderunner.runtime.ports.last:29999}") int last) {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("invalid instance port range " + first + "-" + last);
        }
        this.first = first;
        this.last = last;
        this.lockDir = Path.of(System.getProperty("java.io.tmpdir"), "coderunner-ports");
        // Starting at a random place keeps several control planes on one machine out of each other's way.
        this.next = first + ThreadLocalRandom.current().nextInt(last - first + 1);
    }

    public synchronized int allocate() {
        int size = last - first + 1;
        for (int i = 0; i < size; i++) {
            int port = next;
            next = next == last ? first : next + 1;
            if (!held.containsKey(port) && isFree(port)) {
                FileLock lock = lock(port);
                if (lock != null) {
                    held.put(port, lock);
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port left in " + first + "-" + last);
    }

    /** Marks a port as in use (an adopted instance keeps its port). */
    public synchronized void claim(int port) {
        if (!held.containsKey(port)) {
            held.put(port, lock(port));
        }
    }

    public synchronized void release(int port) {
        FileLock lock = held.remove(port);
        if (lock != null) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                // the lock goes with the channel anyway
            }
        }
    }

    /** A lock on the port's file, or null when another control plane holds it. */
    private FileLock lock(int port) {
        try {
            Files.createDirectories(lockDir);
            FileChannel channel = FileChannel.open(lockDir.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                }
                return lock;
            } catch (OverlappingFileLockException e) {
                channel.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
