package dev.coderunner.cli;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a {@code text/event-stream} body event by event, following the WHATWG parsing rules. */
final class SseReader implements Closeable {

    private final BufferedReader reader;
    private String lastId;

    SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next event, or {@code null} when the server closed the stream. */
    SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(lastId, event == null ? "message" : event, data.toString());
                }
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // comment, used by servers as a keep-alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> lastId = value.indexOf('\0') < 0 ? value : lastId;
                default -> { } // "retry" and unknown fields: the caller keeps its own backoff
            }
        }
        return null;
    }

    /** The id of the last event read, to resume with {@code Last-Event-ID}. */
    String lastId() {
        return lastId;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
