package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.circuit.BreakerPeers;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.ratelimit.RateLimiter;
import dev.sturdy.runtime.ratelimit.TokenBucket;

/**
 * A store that shares named policies' state across the application's instances. A module that
 * provides one ({@code sturdy-redis}) registers it as a bean; configuration picks it per named
 * policy ({@code sturdy.rate-limits.<name>.store: redis},
 * {@code sturdy.circuit-breakers.<name>.store: redis}). Implementations are thread-safe.
 */
public interface PolicyStore {

    /** @return the name configuration picks it by, e.g. {@code redis} */
    String name();

    /**
     * @return why it cannot be used here, naming what to configure; {@code null} when it can
     */
    String unavailable();

    /**
     * @param local this instance's own bucket for the limit: what the store may fall back on
     * @return the limit's bucket, shared through the store; one per limit name
     */
    TokenBucket rateLimit(RateLimiter local);

    /**
     * @param breaker this instance's breaker of that name, to move when another instance's does
     * @return the instances sharing it, for {@link CircuitBreaker#share}; one per breaker name
     */
    BreakerPeers circuitBreaker(CircuitBreaker breaker);
}
