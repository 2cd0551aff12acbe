package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class DrainingTest extends RouterFixture {

    @Test
    void removedInstanceFinishesItsRequestButGetsNoNewOnes() throws Exception {
        TestUpstream first = upstream("web.1");
        TestUpstream second = upstream("web.2");
        routes.update("shop", "production", List.of(first.backend(), second.backend()));
        startRouter();

        CompletableFuture<Reply> held = getLater("shop.localhost", "/hold").toFuture();
        await().atMost(Duration.ofSeconds(5)).until(() -> first.holding.get() + second.holding.get() == 1);
        TestUpstream draining = first.holding.get() == 1 ? first : second;
        TestUpstream staying = draining == first ? second : first;
        assertThat(router.inFlight(draining.backend())).isEqualTo(1);

        routes.update("shop", "production", List.of(staying.backend()));
        for (int i = 0; i < 4; i++) {
            assertThat(get("shop.localhost", "/whoami").body()).isEqualTo(staying.name);
        }
        assertThat(draining.hits).hasValue(0);
        assertThat(held).isNotDone();

        draining.release.complete(null);
        Reply reply = held.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("held by " + draining.name);
        await().atMost(Duration.ofSeconds(5)).until(() -> router.inFlight(draining.backend()) == 0);
    }
}
