package dev.coderunner.config;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.coderunner.audit.AuditLog;
import dev.coderunner.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Key rotation: a new primary key, a background job that re-encrypts every stored secret under it
 * (config rows and release snapshots), and retirement of an old key only once nothing uses it.
 */
@Service
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    /** The last (or running) re-encryption: counts per holder, never values. */
    public record Job(Instant startedAt, Instant finishedAt, Map<String, Integer> reencrypted, String error) {
        public boolean running() {
            return finishedAt == null;
        }
    }

    private final SecretBox box;
    private final List<SecretHolder> holders;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicReference<Job> job = new AtomicReference<>();
    private volatile Thread worker;

    KeyRotation(SecretBox box, List<SecretHolder> holders, AuditLog audit, Clock clock) {
        this.box = box;
        this.holders = holders;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes a new primary key and starts re-encrypting everything in the background. */
    public SecretBox.KeyInfo rotate() {
        requireWritable();
        SecretBox.KeyInfo key = box.rotate();
        audit.record("keys.rotate", "secrets-keyset", Map.of("primaryKey", key.id()));
        startReencryption();
        return key;
    }

    /** Starts a re-encryption run unless one is running; answers the job. */
    public synchronized Job startReencryption() {
        Job current = job.get();
        if (current != null && current.running()) {
            return current;
        }
        Job started = new Job(clock.instant(), null, Map.of(), null);
        job.set(started);
        worker = Thread.ofVirtual().name("secrets-reencrypt").start(() -> job.set(reencryptAll(started.startedAt())));
        return started;
    }

    /** Waits for a running re-encryption (tests, shutdown). */
    public void awaitReencryption() throws InterruptedException {
        Thread t = worker;
        if (t != null) {
            t.join();
        }
    }

    public Job lastJob() {
        return job.get();
    }

    /** For each key: how many stored ciphertexts it made. */
    public Map<Integer, Long> usage() {
        Map<Integer, Long> total = new HashMap<>();
        holders.forEach(h -> h.keyUsage().forEach((id, n) -> total.merge(id, n, Long::sum)));
        return total;
    }

    /** Removes an old key; refused while it is the primary or any ciphertext still uses it. */
    public void retire(int keyId) {
        requireWritable();
        if (box.keys().stream().noneMatch(k -> k.id() == keyId)) {
            throw ApiException.notFound("key", Integer.toUnsignedString(keyId));
        }
        if (box.primaryKeyId() == keyId) {
            throw ApiException.conflict("key-is-primary", "Key " + Integer.toUnsignedString(keyId) + " is the primary key; rotate first.");
        }
        long uses = usage().getOrDefault(keyId, 0L);
        if (uses > 0) {
            throw ApiException.conflict("key-in-use", "Key " + Integer.toUnsignedString(keyId) + " still encrypts " + uses
                    + " stored value(s); wait for re-encryption to finish.");
        }
        box.remove(keyId);
        audit.record("keys.retire", "secrets-keyset", Map.of("key", keyId));
    }

    private Job reencryptAll(Instant startedAt) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            for (SecretHolder holder : holders) {
                counts.put(holder.name(), holder.reencrypt(box));
            }
            log.info("Re-encrypted stored secrets under key {}: {}", Integer.toUnsignedString(box.primaryKeyId()), counts);
            return new Job(startedAt, clock.instant(), counts, null);
        } catch (RuntimeException e) {
            log.error("Re-encrypting stored secrets failed", e);
            return new Job(startedAt, clock.instant(), counts, "re-encryption stopped: " + e.getMessage());
        }
    }

    private void requireWritable() {
        if (!box.canChangeKeys()) {
            throw ApiException.conflict("keyset-read-only", "The secrets keyset comes from " + box.keysetLocation()
                    + "; change it there and restart.");
        }
    }
}
