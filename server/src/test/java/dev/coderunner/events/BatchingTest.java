package dev.coderunner.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingTest {

    final Batching batching = new Batching(512, 20, Duration.ofNanos(10_000), Duration.ofMillis(20));

    final FrameAssembler assembler = new FrameAssembler(batching);

    /** The frames for these messages, as text, each read when it is sent (the assembler reuses its buffer). */
    List<String> frames(String... messages) throws IOException {
        List<String> frames = new ArrayList<>();
        assembler.send(Stream.of(messages).map(m -> m.getBytes(StandardCharsets.UTF_8)).toList(),
                frame -> frames.add(StandardCharsets.UTF_8.decode(frame).toString()));
        return frames;
    }

    @Test
    void aLoneMessageIsSentAsItselfAndSeveralAsOneArrayInOrder() throws IOException {
        assertThat(frames("{\"a\":1}")).containsExactly("{\"a\":1}");
        assertThat(frames("{\"a\":1}", "{\"b\":\"é\"}")).containsExactly("[{\"a\":1},{\"b\":\"é\"}]");
        assertThat(frames()).isEmpty();
    }

    @Test
    void aFrameIsCutBeforeItWouldPassTheByteLimitAndALargeMessageGoesAlone() throws IOException {
        List<String> frames = frames("{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"big\":\"0123456789012345\"}", "{\"d\":4}");
        assertThat(frames).containsExactly("[{\"a\":1},{\"b\":2}]", "{\"c\":3}", "{\"big\":\"0123456789012345\"}", "{\"d\":4}");
        assertThat(frames.getFirst().length()).isLessThanOrEqualTo(20);
        // Bytes, not characters: "é" is two, so these 20 characters are 22 bytes.
        assertThat(frames("{\"a\":\"éé\"}", "{\"b\":1}")).hasSize(2);
    }

    @Test
    void aReusedBufferHoldsOnlyTheCurrentFrame() throws IOException {
        assertThat(frames("{\"a\":11}", "{\"b\":22}")).containsExactly("[{\"a\":11},{\"b\":22}]");
        assertThat(frames("{\"c\":3}", "{\"d\":4}")).containsExactly("[{\"c\":3},{\"d\":4}]");
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
