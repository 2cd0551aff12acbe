package dev.coderunner.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingTest {

    final Batching batching = new Batching(512, 20, Duration.ofNanos(10_000), Duration.ofMillis(20));

    /** The frames for these messages, as text. */
    List<String> frames(String... messages) {
        return batching.frames(Stream.of(messages).map(m -> m.getBytes(StandardCharsets.UTF_8)).toList()).stream()
                .map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aLoneMessageIsSentAsItselfAndSeveralAsOneArrayInOrder() {
        assertThat(frames("{\"a\":1}")).containsExactly("{\"a\":1}");
        assertThat(frames("{\"a\":1}", "{\"b\":\"é\"}")).containsExactly("[{\"a\":1},{\"b\":\"é\"}]");
        assertThat(frames()).isEmpty();
    }

    @Test
    void aFrameIsCutBeforeItWouldPassTheByteLimitAndALargeMessageGoesAlone() {
        List<String> frames = frames("{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"big\":\"0123456789012345\"}", "{\"d\":4}");
        assertThat(frames).containsExactly("[{\"a\":1},{\"b\":2}]", "{\"c\":3}", "{\"big\":\"0123456789012345\"}", "{\"d\":4}");
        assertThat(frames.getFirst().length()).isLessThanOrEqualTo(20);
        // Bytes, not characters: "é" is two, so these 20 characters are 22 bytes.
        assertThat(frames("{\"a\":\"éé\"}", "{\"b\":1}")).hasSize(2);
    }

    @Test
    void theLingerGrowsWithTheConnectionsUpToItsCap() {
        assertThat(batching.lingerNanos(1)).isEqualTo(10_000);
        assertThat(batching.lingerNanos(1_000)).isEqualTo(10_000_000);
        assertThat(batching.lingerNanos(100_000)).isEqualTo(20_000_000);
        assertThat(batching.lingerNanos(0)).isZero();
    }

    @Test
    void badLimitsAreRefusedWithTheValues() {
        assertThatThrownBy(() -> new Batching(0, 10, Duration.ZERO, Duration.ZERO)).hasMessageContaining("0, 10");
    }
}
