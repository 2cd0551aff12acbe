package org.apache.tomcat.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.RemoteEndpoint;

/**
 * Sends a WebSocket text frame whose payload is already UTF-8, so that the same bytes serve every connection
 * (the Jakarta API takes text only as {@code String}s, which Tomcat encodes again for each one). It lives in
 * Tomcat's package because the method that writes a frame of a given opcode from bytes is package-private;
 * the tests of batched frames (LogsWebSocketTest, RealtimeEndpointTest) break if a Tomcat upgrade changes it.
 * Not Tomcat's endpoint: {@code false}, and the caller sends the text itself.
 */
public final class PreEncodedText {

    private PreEncodedText() {
    }

    /**
     * Writes {@code utf8} as one complete text frame, blocking like {@code sendText}. The caller sends one
     * message at a time on the connection (Tomcat still serialises frame writes with its own lock).
     */
    public static boolean send(RemoteEndpoint.Basic remote, ByteBuffer utf8) throws IOException {
        if (!(remote instanceof WsRemoteEndpointBase endpoint)) {
            return false;
        }
        endpoint.base.sendMessageBlock(Constants.OPCODE_TEXT, utf8, true);
        return true;
    }
}
