package dev.coderunner.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FramesTest {

    final JsonMapper json = JsonMapper.builder().build();
    final Frames frames = new Frames(json);

    @Test
    void oneEventIsSerializedOnceForEverySubscriber() {
        Event e = new Event("logs:shop/production", 42, "log", Instant.parse("2026-11-25T12:00:00Z"), Map.of("message", "hello"));
        Frames.Frame first = frames.of(e);
        assertThat(frames.of(e)).isSameAs(first);
        assertThat(first.utf8()).isSameAs(first.utf8());
        assertThat(new String(first.utf8(), StandardCharsets.UTF_8))
                .isEqualTo(json.writeValueAsString(RealtimeConnection.event(e)))
                .startsWith("{\"type\":\"event\",\"channel\":\"logs:shop/production\",\"seq\":42,");
    }

    @Test
    void anEqualButDifferentEventGetsItsOwnFrame() {
        Event a = new Event("apps", 1, "app-created", Instant.EPOCH, Map.of("name", "a"));
        Event b = new Event("apps", 1, "app-created", Instant.EPOCH, Map.of("name", "a"));
        assertThat(frames.of(b)).isNotSameAs(frames.of(a));
        assertThat(frames.of(b).utf8()).isEqualTo(frames.of(a).utf8());
    }
}
