package dev.coderunner.logs;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The on-disk form of an entry: one JSON object per line, always starting {@code {"s":<seq>,"t":<micros>,}
 * so that opening a segment can rebuild its index from the line heads without parsing whole entries.
 */
final class EntryCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EntryCodec() {
    }

    static byte[] encode(LogEntry e) {
        StringBuilder b = new StringBuilder(96 + e.message().length());
        b.append("{\"s\":").append(e.seq()).append(",\"t\":").append(e.timeMicros());
        if (e.release() != null) {
            b.append(",\"r\":").append(e.release());
        }
        field(b, "p", e.processType());
        field(b, "i", e.instance());
        field(b, "o", e.stream());
        field(b, "l", e.level());
        field(b, "m", e.message());
        if (e.source() != null) {
            field(b, "src", e.source());
            b.append(",\"e\":").append(e.end());
        }
        return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static LogEntry decode(byte[] buf, int off, int len) {
        JsonNode n = JSON.readTree(new String(buf, off, len, StandardCharsets.UTF_8));
        return new LogEntry(n.get("s").asLong(), n.get("t").asLong(), n.has("r") ? n.get("r").asInt() : null, text(n, "p"), text(n, "i"),
                text(n, "o"), text(n, "l"), text(n, "m"), text(n, "src"), n.has("e") ? n.get("e").asLong() : 0);
    }

    /** {seq, micros} from a line head, or null when the line is not an entry (a torn write). */
    static long[] head(byte[] buf, int off, int len) {
        if (len < 12 || buf[off] != '{' || buf[off + 1] != '"' || buf[off + 2] != 's' || buf[off + len - 1] != '}') {
            return null;
        }
        int i = off + 5;
        long seq = 0;
        while (i < off + len && buf[i] >= '0' && buf[i] <= '9') {
            seq = seq * 10 + (buf[i++] - '0');
        }
        i += 5; // ,"t":
        long t = 0;
        while (i < off + len && buf[i] >= '0' && buf[i] <= '9') {
            t = t * 10 + (buf[i++] - '0');
        }
        return new long[] {seq, t};
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value == null) {
            return;
        }
        b.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
