package dev.coderunner.runtime.process;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.coderunner.runtime.InstanceHandle;
import dev.coderunner.runtime.InstanceSpec;

/** An instance that is an OS process (and its children, which are stopped with it). */
final class ProcessInstance implements InstanceHandle {

    private final InstanceSpec spec;
    private final ProcessHandle process;
    private final Instant startedAt;
    private final CompletableFuture<Integer> exit;

    ProcessInstance(InstanceSpec spec, ProcessHandle process, Instant startedAt, CompletableFuture<Integer> exit) {
        this.spec = spec;
        this.process = process;
        this.startedAt = startedAt;
        this.exit = exit;
    }

    @Override
    public InstanceSpec spec() {
        return spec;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public void stop(Duration grace) {
        // Snapshot the tree first: once the parent dies its children are re-parented and harder to find.
        List<ProcessHandle> tree = family();
        ProcessGroups.kill(process.pid(), "TERM");
        tree.forEach(ProcessHandle::destroy);
        if (!awaitGone(tree, grace)) {
            ProcessGroups.kill(process.pid(), "KILL");
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitGone(tree, Duration.ofSeconds(5));
        }
        exit.orTimeout(5, TimeUnit.SECONDS);
    }

    private List<ProcessHandle> family() {
        List<ProcessHandle> all = new java.util.ArrayList<>();
        all.add(process);
        process.descendants().forEach(all::add);
        return all;
    }

    private static boolean awaitGone(List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return tree.stream().noneMatch(ProcessHandle::isAlive);
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never fails; treat as gone
            }
        }
        return true;
    }
}
