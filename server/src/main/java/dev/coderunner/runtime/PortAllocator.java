package dev.coderunner.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Hands out free TCP ports for instances from a configured range, never the same one twice at once. */
@Component
public class PortAllocator {

    private final int first;
    private final int last;
    private final Set<Integer> taken = new HashSet<>();
    private int next;

    public PortAllocator(@Value("${coderunner.runtime.ports.first:20000}") int first, @Value("${coderunner.runtime.ports.last:29999}") int last) {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("invalid instance port range " + first + "-" + last);
        }
        this.first = first;
        this.last = last;
        this.next = first;
    }

    public synchronized int allocate() {
        int size = last - first + 1;
        for (int i = 0; i < size; i++) {
            int port = next;
            next = next == last ? first : next + 1;
            if (!taken.contains(port) && isFree(port)) {
                taken.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port left in " + first + "-" + last);
    }

    /** Marks a port as in use (an adopted instance keeps its port). */
    public synchronized void claim(int port) {
        taken.add(port);
    }

    public synchronized void release(int port) {
        taken.remove(port);
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
