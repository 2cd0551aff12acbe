package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What clients send on a raw socket, byte for byte: the router is hand-written on Netty, so the
 * HTTP/1.1 rules a library client would hide (pipelining, HTTP/1.0, malformed input, closing) are
 * checked here.
 */
class HttpOnTheWireTest extends RouterFixture {

    private TestUpstream instance;

    @BeforeEach
    void route() {
        instance = upstream("web.1");
        routes.update("shop", "production", List.of(instance.backend()));
        startRouter();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws IOException {
        try (Socket socket = connect()) {
            String twoRequests = "GET /whoami HTTP/1.1\r\nHost: shop.localhost\r\n\r\n"
                    + "GET /headers HTTP/1.1\r\nHost: shop.localhost\r\nX-Mark: second\r\n\r\n"
                    + "GET /whoami HTTP/1.1\r\nHost: nope.localhost\r\n\r\n";
            socket.getOutputStream().write(twoRequests.getBytes(StandardCharsets.US_ASCII));

            InputStream in = socket.getInputStream();
            String first = readResponse(in);
            String second = readResponse(in);
            String third = readResponse(in);

            assertThat(first).startsWith("HTTP/1.1 200").endsWith("web.1");
            assertThat(second).startsWith("HTTP/1.1 200").contains("x-mark: second");
            assertThat(third).startsWith("HTTP/1.1 404").contains("no app named nope");
        }
    }

    @Test
    void http10ClientGetsAnAnswerAndTheConnectionCloses() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /whoami HTTP/1.0\r\nHost: shop.localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all).startsWith("HTTP/1.0 200").endsWith("web.1");
        }
    }

    @Test
    void streamedAnswerToAnHttp10ClientEndsByClosing() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /stream HTTP/1.0\r\nHost: shop.localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all).startsWith("HTTP/1.0 200").doesNotContainIgnoringCase("transfer-encoding")
                    .endsWith("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
        }
    }

    @Test
    void connectionCloseIsHonouredAfterTheAnswer() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /whoami HTTP/1.1\r\nHost: shop.localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close").endsWith("web.1");
        }
    }

    @Test
    void theRoutersOwnAnswerKeepsTheConnectionUnlessABodyIsLeftUnread() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET / HTTP/1.1\r\nHost: nope.localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String notFound = readResponse(in);
            out.write("GET /whoami HTTP/1.1\r\nHost: shop.localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String next = readResponse(in);

            assertThat(notFound).startsWith("HTTP/1.1 404").doesNotContainIgnoringCase("connection: close");
            assertThat(next).startsWith("HTTP/1.1 200").endsWith("web.1");
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: nope.localhost\r\nContent-Length: 100000\r\n\r\npart"
                    .getBytes(StandardCharsets.US_ASCII));

            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all).startsWith("HTTP/1.1 404").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void malformedRequestGets400AndTheConnectionCloses() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /whoami HTTP/1.1\r\nHost shop.localhost\r\nbroken\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));

            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all).startsWith("HTTP/1.1 400").contains("could not read this request");
            assertThat(instance.hits).hasValue(0);
        }
    }

    @Test
    void oversizedHeadersGet431() throws IOException {
        try (Socket socket = connect()) {
            String huge = "x".repeat(40_000);
            socket.getOutputStream().write(("GET /whoami HTTP/1.1\r\nHost: shop.localhost\r\nX-Big: " + huge + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all).startsWith("HTTP/1.1 431");
        }
    }

    @Test
    void expectContinueIsAnsweredByTheRouterAndTheBodyArrives() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: shop.localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String interim = readHead(in);
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            String answer = readResponse(in);

            assertThat(interim).startsWith("HTTP/1.1 100");
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("5");
        }
    }

    @Test
    void clientThatLeavesMidRequestFreesTheInstance() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /hold HTTP/1.1\r\nHost: shop.localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            org.awaitility.Awaitility.await().until(() -> instance.holding.get() == 1);
            assertThat(router.inFlight(instance.backend())).isEqualTo(1);
        }
        org.awaitility.Awaitility.await().until(() -> router.inFlight(instance.backend()) == 0);
        assertThat(get("shop.localhost", "/whoami").body()).isEqualTo("web.1");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", router.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads one response with a Content-Length or chunked body; returns head + decoded body. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                int size = Integer.parseInt(readLine(in).trim(), 16);
                if (size == 0) {
                    readLine(in);
                    break;
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        } else {
            int at = lower.indexOf("content-length: ");
            int length = Integer.parseInt(lower.substring(at + 16, lower.indexOf('\r', at)).trim());
            body.write(in.readNBytes(length));
        }
        return head + body.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            head.append(line).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
