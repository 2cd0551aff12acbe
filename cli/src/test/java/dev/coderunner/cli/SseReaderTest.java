package dev.coderunner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsEventsIdsAndMultiLineData() throws Exception {
        String stream = ": keep-alive\n\nid: 7\nevent: log\ndata: {\"line\":\"a\"}\n\n"
                + "data: first\r\ndata:second\r\n\r\nevent: phase\ndata: x\n";
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));

        assertThat(reader.next()).isEqualTo(new SseEvent("7", "log", "{\"line\":\"a\"}"));
        assertThat(reader.next()).isEqualTo(new SseEvent("7", "message", "first\nsecond"));
        assertThat(reader.next()).as("an event without its blank line is not dispatched").isNull();
        assertThat(reader.lastId()).isEqualTo("7");
    }
}
