package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;

class StreamingTest extends RouterFixture {

    @BeforeEach
    void route() {
        routes.update("shop", "production", List.of(upstream("web.1").backend()));
        startRouter();
    }

    @Test
    void slowChunkedResponseArrivesIncrementally() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        String body = client("shop.localhost").get().uri("/stream")
                .responseContent().asString()
                .doOnNext(chunk -> arrivals.add((System.nanoTime() - start) / 1_000_000))
                .reduce(String::concat).block(Duration.ofSeconds(10));

        assertThat(body).isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\n");
        // Four events 300 ms apart: buffering would deliver them together at the end.
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(4);
        assertThat(arrivals.getLast() - arrivals.getFirst()).isGreaterThan(600);
    }

    @Test
    void largeChunkedUploadPassesThrough() {
        int chunks = 64 * 16; // 64 MiB in 64 KiB chunks, streamed without a Content-Length
        byte[] chunk = new byte[64 * 1024];

        String received = client("shop.localhost").post().uri("/upload")
                .send(Flux.range(0, chunks).map(i -> (ByteBuf) Unpooled.wrappedBuffer(chunk)))
                .responseContent().aggregate().asString().block(Duration.ofSeconds(60));

        assertThat(received).isEqualTo(Long.toString((long) chunks * chunk.length));
    }
}
