package dev.coderunner.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class RouterConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(RouterProperties.class)
    @Import({RouteTable.class, RouterServer.class})
    static class RouterOnly {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(RouterOnly.class);

    @Test
    void startsWithTheContextOnTheConfiguredPortAndStopsWithIt() {
        context.withPropertyValues("coderunner.router.port=0", "coderunner.router.response-timeout=7s")
                .run(ctx -> {
                    RouterServer router = ctx.getBean(RouterServer.class);
                    assertThat(router.isRunning()).isTrue();
                    assertThat(router.port()).isPositive();
                    assertThat(ctx.getBean(RouterProperties.class).responseTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(ctx.getBean(RouterProperties.class).connectTimeout()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void refusesAnImpossiblePort() {
        context.withPropertyValues("coderunner.router.port=70000")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
