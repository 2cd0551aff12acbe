package dev.coderunner.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A started (or adopted) instance as the runtime sees it. */
public interface InstanceHandle {

    /** The spec it was started from; an adopted instance's spec has an empty environment. */
    InstanceSpec spec();

    /** The OS process id, or the pod's equivalent. */
    long pid();

    Instant startedAt();

    boolean isAlive();

    /** Completes with the exit code when the instance ends; -1 when the code cannot be known (adopted). */
    CompletableFuture<Integer> onExit();

    /** Asks the instance to stop (SIGTERM), kills it after {@code grace} (SIGKILL); returns once it is gone. Idempotent. */
    void stop(Duration grace);
}
