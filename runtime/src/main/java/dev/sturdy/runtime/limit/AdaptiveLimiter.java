package dev.sturdy.runtime.limit;

import dev.sturdy.exception.BulkheadFullException;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A concurrency limit that follows latency, by the rule of TCP Vegas (as Netflix's
 * concurrency-limits applies it to calls): the lowest latency seen is the dependency's latency
 * without load, and a longer one tells how many calls were queueing inside the dependency:
 * {@code queue = limit x (1 - noLoad / latency)}. Samples are taken in windows of about one
 * round trip (as many calls as the limit; at least {@link #MIN_WINDOW}), and each window's lowest
 * latency moves the limit once: few queued (under 5% of the limit), it grows by one; many (over
 * 15%), it shrinks by one; in between it holds. The lowest, as TCP Vegas takes it: queueing
 * delays every call of the window, while the jitter of a dependency (a slow call, a thread
 * descheduled) delays some; a mean would read a dependency with a spread of latencies as
 * congested, and shrink the limit to its minimum. Deciding once per round trip is what keeps it
 * stable: a latency tells of the load when its call started, a round trip ago, and a limit that
 * moved on every call would overshoot by a whole window before the first slow answer came back.
 * A call that timed out, or was otherwise dropped, cuts the limit by a tenth at once.
 *
 * <p>Why Vegas: it reacts to the queueing that a latency rise past the dependency's capacity
 * means, without a latency target to configure; a gradient rule (Gradient2) needs long and short
 * averages whose lengths decide how it behaves, and AIMD needs a latency threshold or losses to
 * see any overload. Its weakness: a dependency whose latency without load rises for good looks
 * congested; the limit then shrinks to its minimum, where the latency measured is the no-load
 * latency by definition, and is relearned from there.
 *
 * <p>The limit grows only while it is used (at least half of it in flight during the window), so a
 * quiet period does not inflate it. Admission is one compare-and-set on the count in flight: never
 * more calls run than the current limit. A sample is added only when no other sample is being
 * added at that moment (the others are dropped, which costs the rule nothing), so calls never wait
 * for one another. Thread-safe.
 */
public final class AdaptiveLimiter {

    /** The fewest samples a window takes. */
    static final int MIN_WINDOW = 10;
    /**
     * A rise of the lowest latency smaller than this is not read as queueing: at that scale it is
     * the clock's and the scheduler's noise (two threads on two busy cores), not a dependency's
     * queue. The price: for a dependency that answers within a few tens of microseconds, queueing
     * shows only once it adds about this much (a floor in proportion to such a latency made the
     * limit collapse to its minimum under two JMH threads on a 50 ns method).
     */
    static final long NOISE_NANOS = 100_000;
    private static final double GROW_BELOW = 0.05;
    private static final double SHRINK_ABOVE = 0.15;
    private static final double DROP_FACTOR = 0.9;

    private final AdaptiveLimitPolicy policy;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean updating = new AtomicBoolean();
    private volatile int limit;
    /** The lowest latency seen; this and the window's sums are guarded by {@link #updating}. */
    private long noLoadNanos = Long.MAX_VALUE;
    private long windowLowestNanos = Long.MAX_VALUE;
    private int windowSamples;
    private int windowMaxInFlight;

    /**
     * @param policy the bounds and the initial limit
     */
    public AdaptiveLimiter(AdaptiveLimitPolicy policy) {
        this.policy = policy;
        this.limit = policy.initial();
    }

    /** @return the policy this limiter was built from */
    public AdaptiveLimitPolicy policy() {
        return policy;
    }

    /** @return the current limit */
    public int limit() {
        return limit;
    }

    /** @return how many calls are in flight */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * @return how many calls were in flight before this one, now admitted
     * @throws BulkheadFullException when the limit is reached
     */
    int acquire() {
        for (;;) {
            int current = inFlight.get();
            int now = limit;
            if (current >= now) {
                throw new BulkheadFullException(policy.name() + ": adaptive limit of " + now + " concurrent calls reached ("
                        + current + " in flight)");
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return current;
            }
        }
    }

    /**
     * Ends a call that {@link #acquire} admitted.
     *
     * @param before what {@code acquire} returned
     * @param nanos how long the call took
     * @param outcome what the call says about the dependency's load
     */
    void release(int before, long nanos, Outcome outcome) {
        inFlight.decrementAndGet();
        // a plain read first: while one thread updates, the others pass by without contending for the flag
        if (outcome == Outcome.IGNORED || updating.get() || !updating.compareAndSet(false, true)) {
            return;
        }
        try {
            if (outcome == Outcome.DROPPED) {
                limit = Math.max(policy.min(), (int) (limit * DROP_FACTOR));
            } else {
                sample(before, nanos);
            }
        } finally {
            updating.set(false);
        }
    }

    private void sample(int before, long nanos) {
        long latency = Math.max(1, nanos);
        noLoadNanos = Math.min(noLoadNanos, latency);
        windowLowestNanos = Math.min(windowLowestNanos, latency);
        windowMaxInFlight = Math.max(windowMaxInFlight, before + 1);
        int current = limit;
        if (++windowSamples < Math.max(MIN_WINDOW, current)) {
            return;
        }
        long lowest = windowLowestNanos;
        boolean used = 2 * windowMaxInFlight >= current;
        windowLowestNanos = Long.MAX_VALUE;
        windowSamples = 0;
        windowMaxInFlight = 0;
        double queued = current * (1 - (double) noLoadNanos / Math.max(noLoadNanos, lowest - NOISE_NANOS));
        if (queued > SHRINK_ABOVE * current) {
            if (current == policy.min()) {
                // congested even at the least concurrency: this is the dependency's latency without load now
                noLoadNanos = lowest;
            }
            limit = Math.max(policy.min(), current - 1);
        } else if (queued < GROW_BELOW * current && used) {
            limit = Math.min(policy.max(), current + 1);
        }
    }

    /** What a call's end says about the dependency's load. */
    enum Outcome {
        /** It succeeded: its latency is a sample. */
        SAMPLE,
        /** It timed out or was rejected downstream: the dependency is overloaded. */
        DROPPED,
        /** It failed in a way that says nothing about load. */
        IGNORED
    }
}
