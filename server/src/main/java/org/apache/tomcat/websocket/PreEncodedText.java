package org.apache.tomcat.websocket;

import java.nio.ByteBuffer;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;

/**
 * Sends a WebSocket text frame whose payload is already UTF-8, so that the same bytes serve every connection
 * (the Jakarta API takes text only as {@code String}s, which Tomcat encodes again for each one). It lives in
 * Tomcat's package because the method that starts a frame of a given opcode from bytes is package-private;
 * the WebSocket tests (LogsWebSocketTest, RealtimeEndpointTest) break if a Tomcat upgrade changes it.
 */
public final class PreEncodedText {

    private PreEncodedText() {
    }

    /**
     * Starts writing {@code utf8} as one complete text frame without blocking; {@code done} is told when it was
     * written or failed, from a task Tomcat gives its executor (even when the socket took it all at once). Tomcat
     * queues a frame started while another is in flight. Not Tomcat's endpoint: {@code false}, nothing was sent, and
     * the caller sends the text itself.
     */
    public static boolean start(RemoteEndpoint.Async remote, ByteBuffer utf8, SendHandler done) {
        if (!(remote instanceof WsRemoteEndpointBase endpoint)) {
            return false;
        }
        endpoint.base.startMessage(Constants.OPCODE_TEXT, utf8, true, done);
        return true;
    }
}
