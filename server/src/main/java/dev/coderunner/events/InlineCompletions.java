package dev.coderunner.events;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat reports every non-blocking WebSocket write by running a task on its executor (a new virtual thread), even
 * when the socket took the whole frame inside the write call: in a 1,000-subscriber fan-out that was a quarter of the
 * server's CPU. Wrapped around Tomcat's executor, this runs that report at once on the writing thread while it is
 * inside {@link #write}, where the connection's drain loop simply goes on with the next frame (no nesting, see
 * {@link RealtimeConnection#onResult}). A write that finishes later is reported from Tomcat's poller, outside
 * {@link #write}, and still goes to Tomcat's executor, as does every other task.
 */
final class InlineCompletions implements Executor {

    private static final ThreadLocal<Boolean> WRITING = new ThreadLocal<>();

    private final Executor tomcat;

    InlineCompletions(Executor tomcat) {
        this.tomcat = tomcat;
    }

    /**
     * Wraps the executor Tomcat is given (virtual threads, set by Spring Boot's customizer of order 1, hence this one
     * last); without one, Tomcat makes its own pool when it starts, and reports writes there as before.
     */
    static final class Customizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addProtocolHandlerCustomizers(protocol -> {
                if (protocol.getExecutor() != null && !(protocol.getExecutor() instanceof InlineCompletions)) {
                    protocol.setExecutor(new InlineCompletions(protocol.getExecutor()));
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Runs {@code write} and returns what it did; a completion Tomcat hands to its executor meanwhile runs here, on this thread. */
    static boolean write(BooleanSupplier write) {
        WRITING.set(Boolean.TRUE);
        try {
            return write.getAsBoolean();
        } finally {
            WRITING.remove();
        }
    }

    @Override
    public void execute(Runnable task) {
        if (WRITING.get() != null) {
            task.run();
        } else {
            tomcat.execute(task);
        }
    }
}
