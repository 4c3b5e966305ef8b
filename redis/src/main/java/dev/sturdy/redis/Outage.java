package dev.sturdy.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether Redis is answering, as the calls find it. The first failure starts an outage, logged
 * once at WARN; while it lasts calls do not ask Redis (they get {@code on-failure}'s answer at
 * once, instead of each waiting out the timeout) except one probe every {@link #PROBE_EVERY} (a
 * call's, or, for shared breakers, the store's watcher's); the first script that succeeds ends it,
 * logged once at INFO, and shared state resumes. Thread-safe.
 */
final class Outage {

    /** How often a call asks Redis while it is away: shared limits are exact again this soon after it returns. */
    static final Duration PROBE_EVERY = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger("dev.sturdy.redis");
    private static final long PROBE_NANOS = PROBE_EVERY.toNanos();
    private static final int PROBES_BEFORE_DROPPING = 5;

    private final OnFailure onFailure;
    private final List<FailureCounter> counters;
    private final Runnable onBack;
    private volatile boolean down;
    private volatile Instant since;
    private final AtomicLong nextProbeAt = new AtomicLong();
    private final AtomicInteger probeTimeouts = new AtomicInteger();

    /**
     * @param onBack run when an outage ends (shared breakers catch up with what they missed)
     */
    Outage(OnFailure onFailure, List<FailureCounter> counters, Runnable onBack) {
        this.onFailure = onFailure;
        this.counters = List.copyOf(counters);
        this.onBack = onBack;
    }

    /** @return whether Redis is away (calls either skip it or probe it) */
    boolean down() {
        return down;
    }

    /** @return whether this call should not ask Redis: it is away, and another call probes it */
    boolean skip() {
        if (!down) {
            return false;
        }
        long now = System.nanoTime();
        long probeAt = nextProbeAt.get();
        return now - probeAt < 0 || !nextProbeAt.compareAndSet(probeAt, now + PROBE_NANOS);
    }

    void succeeded() {
        probeTimeouts.set(0);
        if (down) {
            synchronized (this) {
                if (!down) {
                    return;
                }
                down = false;
                LOG.info("[sturdy:redis-back] Redis answers again after {}: shared policies are shared again",
                        Duration.between(since, Instant.now()));
            }
            onBack.run();
        }
    }

    void failed(Throwable why) {
        counters.forEach(FailureCounter::failed);
        nextProbeAt.set(System.nanoTime() + PROBE_NANOS);
        if (!down) {
            synchronized (this) {
                if (down) {
                    return;
                }
                since = Instant.now();
                down = true;
                LOG.warn("[sturdy:redis-down] Redis did not answer ({}); until it does, calls under shared policies"
                        + " do what sturdy.redis.on-failure says: {}", why, onFailure.name().toLowerCase());
            }
        }
    }

    /**
     * @return whether probes have timed out for about a second in a row: time to drop the
     * connection, which may be dead while it looks open; a slow but living one is kept that long
     */
    boolean probeTimedOut() {
        if (probeTimeouts.incrementAndGet() < PROBES_BEFORE_DROPPING) {
            return false;
        }
        probeTimeouts.set(0);
        return true;
    }

    /** @return when the outage started, or {@code null} while Redis answers */
    Instant downSince() {
        return down ? since : null;
    }
}
