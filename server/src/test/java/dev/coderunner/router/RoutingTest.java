package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RoutingTest extends RouterFixture {

    @Test
    void routesByHostIgnoringPortAndCase() {
        TestUpstream shop = upstream("shop.1");
        TestUpstream blog = upstream("blog.1");
        routes.update("shop", "production", List.of(shop.backend()));
        routes.update("blog", "production", List.of(blog.backend()));
        startRouter();

        assertThat(get("shop.localhost:8800", "/whoami").body()).isEqualTo("shop.1");
        assertThat(get("Blog.LOCALHOST", "/whoami").body()).isEqualTo("blog.1");
    }

    @Test
    void routesOtherEnvironmentsByAppDashEnv() {
        TestUpstream production = upstream("prod.1");
        TestUpstream staging = upstream("staging.1");
        routes.update("shop", "production", List.of(production.backend()));
        routes.update("shop", "staging", List.of(staging.backend()));
        startRouter();

        assertThat(get("shop-staging.localhost:8800", "/whoami").body()).isEqualTo("staging.1");
        assertThat(get("shop.localhost", "/whoami").body()).isEqualTo("prod.1");
    }

    @Test
    void balancesRoundRobinOverThreeInstances() {
        List<TestUpstream> instances = List.of(upstream("web.1"), upstream("web.2"), upstream("web.3"));
        routes.update("shop", "production", instances.stream().map(TestUpstream::backend).toList());
        startRouter();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            answers.add(get("shop.localhost", "/whoami").body());
        }

        assertThat(instances).allSatisfy(instance -> assertThat(instance.hits).hasValue(3));
        assertThat(answers.subList(3, 6)).containsExactlyElementsOf(answers.subList(0, 3));
    }

    @Test
    void unknownHostGets404NamingTheApp() {
        startRouter();

        RouterFixture.Reply text = get("nope.localhost:8800", "/");
        RouterFixture.Reply html = get("<b>.localhost", "/", h -> h.set("accept", "text/html,*/*"));

        assertThat(text.status()).isEqualTo(404);
        assertThat(text.headers().get("content-type")).startsWith("text/plain");
        assertThat(text.body()).contains("no app named nope");
        assertThat(html.status()).isEqualTo(404);
        assertThat(html.headers().get("content-type")).startsWith("text/html");
        assertThat(html.body()).contains("no app named &lt;b&gt;").doesNotContain("<b>");
    }

    @Test
    void environmentWithoutInstancesGets503WithRetryAfter() {
        routes.update("shop", "production", List.of());
        startRouter();

        RouterFixture.Reply reply = get("shop.localhost", "/");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.headers().get("retry-after")).isEqualTo("5");
        assertThat(reply.body()).contains("no running instance");
    }

    @Test
    void unreachableInstanceGets502() {
        routes.update("shop", "production", List.of(deadBackend()));
        startRouter();

        RouterFixture.Reply reply = get("shop.localhost", "/whoami");

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.body()).contains("could not be reached");
    }

    @Test
    void failsOverToTheNextInstanceWhenOneRefusesConnections() {
        TestUpstream live = upstream("web.2");
        routes.update("shop", "production", List.of(deadBackend(), live.backend()));
        startRouter();

        for (int i = 0; i < 4; i++) {
            RouterFixture.Reply reply = get("shop.localhost", "/whoami");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("web.2");
        }
    }

    @Test
    void slowInstanceGets504() {
        TestUpstream slow = upstream("web.1");
        routes.update("shop", "production", List.of(slow.backend()));
        startRouter(RouterProperties.defaults(0).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)));

        RouterFixture.Reply reply = get("shop.localhost", "/slow");

        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.body()).contains("did not answer in time");
    }
}
