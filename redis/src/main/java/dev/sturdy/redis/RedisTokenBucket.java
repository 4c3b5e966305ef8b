package dev.sturdy.redis;

import dev.sturdy.exception.RateLimitExceededException;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.ratelimit.RateLimitPolicy;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import dev.sturdy.runtime.ratelimit.TokenBucket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A rate limit shared by every instance: the same bucket as {@link RateLimiter} (capacity
 * {@code permits}, one token every {@code period / permits}, a token reserved up to
 * {@code maxWait} ahead), kept in Redis as one number, the theoretical arrival time of the next
 * call (GCRA), and taken by one script per call, atomically and by the Redis server's clock
 * ({@code TIME}), so the instances' clocks never matter. One round trip per call: a sync call
 * waits for it up to {@code sturdy.redis.timeout}; an async call does not block at all. When Redis
 * does not answer, {@code sturdy.redis.on-failure} answers instead. Thread-safe.
 */
final class RedisTokenBucket implements TokenBucket {

    /**
     * KEYS[1]: the limit's key. ARGV: the interval between tokens, the capacity in tokens, and the
     * longest wait, in microseconds and tokens. Returns the wait in microseconds, or -1.
     */
    static final RedisStore.Script GCRA = RedisStore.Script.of("""
            local now = redis.call('TIME')
            now = tonumber(now[1]) * 1000000 + tonumber(now[2])
            local interval = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local max_wait = tonumber(ARGV[3])
            local empty_at = tonumber(redis.call('GET', KEYS[1]) or 0)
            local full = now - capacity * interval
            if empty_at < full then empty_at = full end
            local next_empty = empty_at + interval
            local wait = next_empty - now
            if wait > max_wait then return -1 end
            redis.call('SET', KEYS[1], string.format('%d', next_empty), 'PX', math.ceil((next_empty - full) / 1000) + 1)
            if wait < 0 then return 0 end
            return wait
            """);

    private final RedisStore store;
    private final RateLimiter local;
    private final String[] keys;
    private final String[] arguments;
    private final long timeoutNanos;

    RedisTokenBucket(RedisStore store, RateLimiter local, String key) {
        this.store = store;
        this.local = local;
        this.keys = new String[] {key};
        RateLimitPolicy policy = local.policy();
        // whole microseconds, rounded up: a shared limit may admit a little less than permits, never more
        long periodMicros = PolicyValues.saturatedNanos(policy.period()) / 1000;
        long intervalMicros = Math.max(1, (periodMicros + policy.permits() - 1) / policy.permits());
        this.arguments = new String[] {Long.toString(intervalMicros), Integer.toString(policy.permits()),
                Long.toString(PolicyValues.saturatedNanos(policy.maxWait()) / 1000)};
        this.timeoutNanos = PolicyValues.saturatedNanos(store.settings().timeout());
    }

    @Override
    public RateLimitPolicy policy() {
        return local.policy();
    }

    @Override
    public long reserve() {
        Outage outage = store.outage();
        if (outage.skip()) {
            return onFailure();
        }
        boolean probing = outage.down();
        try {
            if (probing) {
                // the probe: a script that times out may yet take a token, a PING takes nothing
                store.ping().get(timeoutNanos, TimeUnit.NANOSECONDS);
            }
            long micros = store.eval(GCRA, keys, arguments).get(timeoutNanos, TimeUnit.NANOSECONDS);
            outage.succeeded();
            return waitNanos(micros);
        } catch (InterruptedException interrupted) {
            throw Futures.interrupted("a token of rate limit " + local.policy().name() + " from Redis", interrupted);
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            failed(outage, failed instanceof ExecutionException ? failed.getCause() : failed, probing);
            return onFailure();
        }
    }

    @Override
    public CompletableFuture<Long> reserveAsync() {
        Outage outage = store.outage();
        if (outage.skip()) {
            return CompletableFuture.completedFuture(onFailure());
        }
        boolean probing = outage.down();
        CompletableFuture<Long> asked;
        try {
            asked = probing
                    ? store.ping().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
                            .thenCompose(pong -> store.eval(GCRA, keys, arguments))
                    : store.eval(GCRA, keys, arguments);
        } catch (RuntimeException failed) {
            failed(outage, failed, probing);
            return CompletableFuture.completedFuture(onFailure());
        }
        // quick and never blocking: this runs on the store's I/O thread, or the timeout's
        return asked.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).handle((micros, failure) -> {
            if (failure != null) {
                failed(outage, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                        : failure, probing);
                return onFailure();
            }
            outage.succeeded();
            return waitNanos(micros);
        });
    }

    @Override
    public RateLimitExceededException exceeded() {
        return local.exceeded();
    }

    /**
     * Probes that keep timing out drop the connection: it may be a dead one that looks open (a host
     * gone, an address moved).
     */
    private void failed(Outage outage, Throwable why, boolean probing) {
        outage.failed(why);
        if (probing && why instanceof TimeoutException && outage.probeTimedOut()) {
            store.dropConnection();
        }
    }

    private static long waitNanos(long micros) {
        return micros < 0 ? REJECTED : TimeUnit.MICROSECONDS.toNanos(micros);
    }

    private long onFailure() {
        return switch (store.settings().onFailure()) {
            case LOCAL -> local.reserve();
            case ALLOW -> 0;
            case REJECT -> REJECTED;
        };
    }
}
