package dev.coderunner.router;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The router's own answers when it cannot hand a request to an instance: small, self-contained,
 * HTML for browsers and plain text for everyone else, and carrying the request id for support.
 */
final class ErrorPages {

    private ErrorPages() {
    }

    /** The whole answer: HTML when the client accepts it, plain text otherwise, never cached. */
    static FullHttpResponse response(HttpRequest request, HttpResponseStatus status, String title, String detail,
            String requestId) {
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        boolean html = accept != null && accept.contains("text/html");
        String body = html ? html(status, title, detail, requestId) : text(status, title, detail, requestId);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(ForwardedHeaders.X_REQUEST_ID, requestId)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    private static String text(HttpResponseStatus status, String title, String detail, String requestId) {
        return status.code() + " " + title + "\n" + detail + "\nrequest id: " + requestId + "\n";
    }

    private static String html(HttpResponseStatus status, String title, String detail, String requestId) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.code() + " "
                + escape(title) + "</title></head>\n<body><h1>" + escape(title) + "</h1>\n<p>" + escape(detail)
                + "</p>\n<p><small>CodeRunner router · request id " + escape(requestId)
                + "</small></p></body></html>\n";
    }

    /** Host names and ids come from the client, so they are escaped before landing in HTML. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
