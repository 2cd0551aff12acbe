package dev.coderunner.events;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingTest {

    final Batching batching = new Batching(512, 20, Duration.ofNanos(10_000), Duration.ofMillis(20));

    @Test
    void aLoneMessageIsSentAsItselfAndSeveralAsOneArrayInOrder() {
        assertThat(batching.frames(List.of("{\"a\":1}"))).containsExactly("{\"a\":1}");
        assertThat(batching.frames(List.of("{\"a\":1}", "{\"b\":2}"))).containsExactly("[{\"a\":1},{\"b\":2}]");
        assertThat(batching.frames(List.of())).isEmpty();
    }

    @Test
    void aFrameIsCutBeforeItWouldPassTheCharacterLimitAndALargeMessageGoesAlone() {
        List<String> frames = batching.frames(List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"big\":\"0123456789012345\"}", "{\"d\":4}"));
        assertThat(frames).containsExactly("[{\"a\":1},{\"b\":2}]", "{\"c\":3}", "{\"big\":\"0123456789012345\"}", "{\"d\":4}");
        assertThat(frames.getFirst().length()).isLessThanOrEqualTo(20);
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
