package dev.coderunner.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Mounts the real-time endpoint {@code /api/v1/ws} (same origin only: the dashboard is served by us). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RealtimeConfig implements WebSocketConfigurer {

    private final RealtimeHandler handler;
    private final RealtimeHandshake handshake;

    RealtimeConfig(RealtimeHandler handler, RealtimeHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/api/v1/ws").addInterceptors(handshake);
    }

    @Bean
    InlineCompletions.Customizer inlineWriteCompletions() {
        return new InlineCompletions.Customizer();
    }

    /**
     * Client messages are small commands; anything large is a mistake or an attack. Tomcat gives every connection a
     * receive buffer of the text limit in characters at once: 64 K made 1,000 connections cost 105 MB more than 8 K.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(8 * 1024);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(120_000L);
        // No async send timeout: RealtimeHandler closes the connections whose client took no frame in
        // coderunner.events.ws-send-timeout, without Tomcat's bookkeeping for every frame.
        return container;
    }
}
