package dev.coderunner.router;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Header rules of the proxy: hop-by-hop headers stay on their own hop (RFC 9110 §7.6.1), and the
 * instance learns who really called through {@code X-Forwarded-*} and a request id it can log.
 */
final class ForwardedHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");

    private static final List<AsciiString> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            AsciiString.cached("proxy-connection"), HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE);

    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final int MAX_REQUEST_ID = 200;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ForwardedHeaders() {
    }

    /** Removes hop-by-hop headers, including those the sender named in {@code Connection}. */
    static void dropHopByHop(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
                for (String token : value.split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty()) {
                        headers.remove(name);
                    }
                }
            }
        }
        for (AsciiString name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    /**
     * Adds the forwarding headers to what goes to the instance. X-Forwarded-For is appended to, as
     * usual; proto, host and port describe this hop, since the router is the edge and trusts no one.
     */
    static void addForwarded(Channel client, String host, HttpHeaders upstream, String requestId) {
        if (client.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            String address = remote.getAddress().getHostAddress();
            String previous = upstream.get(X_FORWARDED_FOR);
            upstream.set(X_FORWARDED_FOR, previous == null || previous.isBlank() ? address : previous + ", " + address);
        }
        upstream.set(X_FORWARDED_PROTO, HTTP);
        if (host != null) {
            upstream.set(X_FORWARDED_HOST, host);
        }
        if (client.localAddress() instanceof InetSocketAddress local) {
            upstream.setInt(X_FORWARDED_PORT, local.getPort());
        }
        upstream.set(X_REQUEST_ID, requestId);
    }

    /** Keeps a sane incoming id so a trace spans several proxies; otherwise makes a new random one. */
    static String requestId(HttpHeaders incoming) {
        String id = incoming.get(X_REQUEST_ID);
        return isSane(id) ? id : newRequestId();
    }

    private static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_REQUEST_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** 128 random bits in hex; ThreadLocalRandom because UUID.randomUUID contends on SecureRandom. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long hi = random.nextLong();
        long lo = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}
