package dev.coderunner.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

class InlineCompletionsTest {

    private final List<Runnable> handedOn = new ArrayList<>();
    private final Executor tomcat = handedOn::add;
    private final InlineCompletions executor = new InlineCompletions(tomcat);

    @Test
    void aCompletionReportedInsideTheWriteRunsOnTheWritingThread() {
        List<Thread> ranOn = new ArrayList<>();
        boolean started = InlineCompletions.write(() -> {
            executor.execute(() -> ranOn.add(Thread.currentThread()));
            return true;
        });
        assertThat(started).isTrue();
        assertThat(ranOn).containsExactly(Thread.currentThread());
        assertThat(handedOn).isEmpty();
    }

    @Test
    void everyOtherTaskGoesToTomcatsExecutor() {
        List<String> ran = new ArrayList<>();
        executor.execute(() -> ran.add("before"));
        InlineCompletions.write(() -> false);
        executor.execute(() -> ran.add("after"));
        assertThat(ran).isEmpty();
        assertThat(handedOn).hasSize(2);
    }

    @Test
    void theWriteEndsItsScopeEvenWhenItThrows() {
        try {
            InlineCompletions.write(() -> {
                throw new IllegalStateException("socket closed");
            });
        } catch (IllegalStateException expected) {
            // the write's own failure
        }
        executor.execute(() -> { });
        assertThat(handedOn).hasSize(1);
    }
}
