package dev.sturdy.runtime.ratelimit;

/**
 * Told about every call a rate limit turned away.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
@FunctionalInterface
public interface RateLimitListener {

    /** Tells nobody. */
    RateLimitListener NONE = rateLimit -> { };

    /**
     * @param rateLimit the rate limit's name, or {@code SimpleClass#method}
     */
    void limited(String rateLimit);
}
