package dev.coderunner.events;

import java.nio.ByteBuffer;
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
    List<String> frames(String... messages) {
        List<String> frames = new ArrayList<>();
        assembler.load(Stream.of(messages).map(m -> m.getBytes(StandardCharsets.UTF_8)).toList());
        for (ByteBuffer frame; (frame = assembler.next()) != null; ) {
            frames.add(StandardCharsets.UTF_8.decode(frame).toString());
        }
        return frames;
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
    void aFrameHoldsAtMostTheMaximumOfMessages() {
        FrameAssembler twoPerFrame = new FrameAssembler(new Batching(2, 1000, Duration.ZERO, Duration.ZERO));
        twoPerFrame.load(Stream.of("1", "2", "3").map(m -> m.getBytes(StandardCharsets.UTF_8)).toList());
        assertThat(Stream.of(twoPerFrame.next(), twoPerFrame.next()).map(f -> StandardCharsets.UTF_8.decode(f).toString()))
                .containsExactly("[1,2]", "3");
        assertThat(twoPerFrame.next()).isNull();
    }

    @Test
    void aSharedFrameIsTheSameBytesForEveryone() {
        List<byte[]> messages = Stream.of("{\"a\":1}", "{\"b\":2}").map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(new String(FrameAssembler.arrayOf(messages), StandardCharsets.UTF_8)).isEqualTo("[{\"a\":1},{\"b\":2}]");
    }

    @Test
    void aReusedBufferHoldsOnlyTheCurrentFrame() {
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
