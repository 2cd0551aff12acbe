package dev.coderunner.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * One limit: a Bucket4j token bucket per key (a username, an address, a token, an app), kept in
 * memory and bounded (least recently used keys are forgotten first). Time comes from the injected
 * {@link Clock}, so tests move it instead of sleeping.
 */
public final class Buckets {

    private final int capacity;
    private final Duration window;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets;

    public Buckets(int capacity, Duration window, Clock clock, int maxKeys) {
        this.capacity = capacity;
        this.window = window;
        this.time = new ClockTime(clock);
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Seconds until {@code key} may take one more; 0 when it may now. Takes nothing. */
    public synchronized long waitSeconds(String key) {
        Bucket b = buckets.get(key);
        return b == null ? 0 : seconds(b.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** Takes one for {@code key}; returns 0 when it could, or the seconds to wait when it is empty. */
    public synchronized long take(String key) {
        var probe = buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    /** Forgets {@code key}: it starts full again. */
    public synchronized void reset(String key) {
        buckets.remove(key);
    }

    public Duration window() {
        return window;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
