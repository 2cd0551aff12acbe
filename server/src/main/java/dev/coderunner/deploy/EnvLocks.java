package dev.coderunner.deploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/** One lock per environment: whoever changes its instances or releases (rollout, scale, reconcile) holds it. */
@Component
class EnvLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T with(String app, String env, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(app + "/" + env, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void with(String app, String env, Runnable work) {
        with(app, env, () -> {
            work.run();
            return null;
        });
    }
}
