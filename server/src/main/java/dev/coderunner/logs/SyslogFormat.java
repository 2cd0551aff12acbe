package dev.coderunner.logs;

import java.nio.charset.StandardCharsets;

/**
 * RFC 5424 messages with RFC 6587 octet-counting framing: {@code <len> <PRI>1 TIME HOST APP PROCID MSGID - MSG}.
 * Facility user (1); severity from the entry's level; HOST is the environment, APP the app, PROCID the
 * instance, MSGID the stream.
 */
final class SyslogFormat {

    private SyslogFormat() {
    }

    static byte[] frame(String app, String env, LogEntry e) {
        int severity = switch (e.severity()) {
            case FATAL -> 2;
            case ERROR -> 3;
            case WARN -> 4;
            case INFO -> 6;
            case DEBUG, TRACE -> 7;
        };
        String msg = "<" + (8 + severity) + ">1 " + e.time() + " " + token(env) + " " + token(app) + " " + token(e.instance()) + " "
                + token(e.stream()) + " - " + e.message();
        byte[] body = msg.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    /** A header field: printable ASCII without spaces, or the nil value. */
    private static String token(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 48));
        for (int i = 0; i < s.length() && b.length() < 48; i++) {
            char c = s.charAt(i);
            b.append(c > 32 && c < 127 ? c : '_');
        }
        return b.toString();
    }
}
