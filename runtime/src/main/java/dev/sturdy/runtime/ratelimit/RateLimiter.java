package dev.sturdy.runtime.ratelimit;

import dev.sturdy.exception.RateLimitExceededException;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.time.SturdyClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A token bucket of capacity {@code permits} that starts full and refills continuously, one token
 * every {@code period / permits}. Its whole state is one number, the moment the bucket was (or
 * will be, counting reservations) empty, so taking a token is one compare-and-set: the generic
 * cell rate algorithm. A caller that may wait reserves the next token in advance, so waiting
 * callers are served in the order they arrived. Thread-safe and lock-free.
 *
 * @see RateLimitStrategy
 */
public final class RateLimiter {

    /** Returned by {@link #reserve()} when no token comes within {@code maxWait}. */
    static final long REJECTED = -1;

    private static final VarHandle EMPTY_AT;

    static {
        try {
            EMPTY_AT = MethodHandles.lookup().findVarHandle(RateLimiter.class, "emptyAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RateLimitPolicy policy;
    private final SturdyClock clock;
    private final long interval;
    private final long capacity;
    private final long maxWait;
    // every call writes emptyAt: the padding keeps it off the cache lines of the objects around it
    private long p1, p2, p3, p4, p5, p6, p7;
    private volatile long emptyAt;
    private long q1, q2, q3, q4, q5, q6, q7;

    /**
     * @param policy the limit
     * @param clock the time the bucket refills by
     */
    public RateLimiter(RateLimitPolicy policy, SturdyClock clock) {
        this.policy = policy;
        this.clock = clock;
        this.interval = Math.max(1, policy.period().toNanos() / policy.permits());
        this.capacity = interval * policy.permits();
        this.maxWait = PolicyValues.saturatedNanos(policy.maxWait());
        this.emptyAt = clock.nanoTime() - capacity;
    }

    /**
     * @return the policy this limiter was built from
     */
    public RateLimitPolicy policy() {
        return policy;
    }

    /**
     * @return tokens in the bucket now, rounded down
     */
    public int available() {
        long tokens = (clock.nanoTime() - emptyAt) / interval;
        return (int) Math.max(0, Math.min(policy.permits(), tokens));
    }

    /**
     * Takes a token, now or reserved for within {@code maxWait}. Judged by the clock's last tick,
     * which may lag: a lagging reading finds fewer tokens, never more.
     *
     * @return how long the caller must wait before using its token (0 to go now), or {@link #REJECTED}
     */
    long reserve() {
        long now = clock.tickedNanoTime();
        while (true) {
            long empty = emptyAt;
            long full = now - capacity;
            long next = (empty - full > 0 ? empty : full) + interval;
            long wait = next - now;
            if (wait > maxWait) {
                return REJECTED;
            }
            if (EMPTY_AT.compareAndSet(this, empty, next)) {
                return Math.max(0, wait);
            }
        }
    }

    /** @return the exception for a call that got no token in time */
    RateLimitExceededException exceeded() {
        return new RateLimitExceededException("rate limit " + policy.name() + " (" + policy.permits() + " per "
                + PolicyValues.format(policy.period()) + ") had no token within " + PolicyValues.format(policy.maxWait()));
    }
}
