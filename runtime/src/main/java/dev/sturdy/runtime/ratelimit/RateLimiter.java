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
 * <p>When the bucket refills by more than one token per tick of the clock (more than 1,000 per
 * second on the real clock), one number written by every call of every thread would make the
 * threads queue for its cache line. So each thread takes the tokens of one tick at once, while
 * the bucket holds them, and spends them without touching shared state; tokens it has not spent
 * when the tick is over go back to the bucket. Tokens are only ever taken from the bucket, so
 * never more calls are admitted than it allows; a thread's unspent tokens are unavailable to the
 * others for at most one tick. With fewer tokens in the bucket than a tick's worth, calls take
 * them one by one as above.
 *
 * @see RateLimitStrategy
 */
public final class RateLimiter implements TokenBucket {

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
    /** Tokens a thread takes at once: one tick's refill; leases are off at 1 or less. */
    private final long batch;
    private final long tick;
    private final ThreadLocal<Lease> leases = ThreadLocal.withInitial(Lease::new);
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
        this.interval = Math.max(1, PolicyValues.saturatedNanos(policy.period()) / policy.permits());
        this.capacity = interval * policy.permits();
        this.maxWait = PolicyValues.saturatedNanos(policy.maxWait());
        this.emptyAt = clock.nanoTime() - capacity;
        this.tick = clock.tickNanos();
        this.batch = Math.min(tick / interval, policy.permits() / 4);
    }

    /**
     * @return the policy this limiter was built from
     */
    @Override
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
    @Override
    public long reserve() {
        long now = clock.tickedNanoTime();
        if (batch > 1 && spendLeased(now)) {
            return 0;
        }
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

    /** @return whether this thread had, or could take, a token of the current tick's lease */
    private boolean spendLeased(long now) {
        Lease lease = leases.get();
        if (lease.tokens > 0 && now - lease.expiresAt < 0) {
            lease.tokens--;
            return true;
        }
        if (lease.tokens > 0) {
            giveBack(lease.tokens);
            lease.tokens = 0;
        }
        while (true) {
            long empty = emptyAt;
            long full = now - capacity;
            long base = empty - full > 0 ? empty : full;
            if ((now - base) / interval < batch) {
                return false;
            }
            if (EMPTY_AT.compareAndSet(this, empty, base + batch * interval)) {
                lease.tokens = batch - 1;
                lease.expiresAt = now + tick;
                return true;
            }
        }
    }

    private void giveBack(long tokens) {
        long empty;
        do {
            empty = emptyAt;
        } while (!EMPTY_AT.compareAndSet(this, empty, empty - tokens * interval));
    }

    /** One thread's tokens taken ahead for one tick; the owning thread's alone. */
    private static final class Lease {
        long tokens;
        long expiresAt;
    }

    @Override
    public RateLimitExceededException exceeded() {
        return new RateLimitExceededException("rate limit " + policy.name() + " (" + policy.permits() + " per "
                + PolicyValues.format(policy.period()) + ") had no token within " + PolicyValues.format(policy.maxWait()));
    }
}
