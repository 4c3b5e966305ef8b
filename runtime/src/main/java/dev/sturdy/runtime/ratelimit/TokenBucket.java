package dev.sturdy.runtime.ratelimit;

import dev.sturdy.exception.RateLimitExceededException;

import java.util.concurrent.CompletableFuture;

/**
 * Where a rate limit's tokens come from: this instance's {@link RateLimiter}, or a bucket shared
 * by every instance through a store (the {@code sturdy-redis} module's). Implementations are
 * thread-safe.
 */
public interface TokenBucket {

    /** Returned by {@link #reserve()} when no token comes within {@code maxWait}. */
    long REJECTED = -1;

    /** @return the limit */
    RateLimitPolicy policy();

    /**
     * Takes a token, now or reserved for within {@code maxWait}. A shared bucket may block the
     * calling thread for a bounded time to ask its store.
     *
     * @return how long the caller must wait before using its token (0 to go now), or {@link #REJECTED}
     */
    long reserve();

    /**
     * For an async call: takes a token without blocking.
     *
     * @return the answer {@link #reserve()} gives, to come, completed on whatever thread the store
     * answers on; {@code null} when {@link #reserve()} answers at once without blocking, and should
     * be asked instead
     */
    default CompletableFuture<Long> reserveAsync() {
        return null;
    }

    /** @return the exception for a call that got no token in time */
    RateLimitExceededException exceeded();
}
