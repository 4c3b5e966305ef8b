package dev.sturdy.runtime.ratelimit;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.runtime.core.PolicyValues;

import java.time.Duration;

/**
 * What a {@link dev.sturdy.annotation.RateLimit} asks for, validated. Immutable and thread-safe.
 *
 * @param name the limit's name for messages: its {@code name}, or {@code SimpleClass#method}
 * @param permits tokens per period, and the bucket's capacity
 * @param period the time in which {@code permits} tokens refill
 * @param maxWait how long a caller may wait for a token
 * @see RateLimiter
 */
public record RateLimitPolicy(String name, int permits, Duration period, Duration maxWait) {

    /**
     * Checks every value against the rules of {@link dev.sturdy.annotation.RateLimit}.
     */
    public RateLimitPolicy {
        PolicyValues.check(AttributeRule.RATE_LIMIT_PERMITS, permits, name);
        PolicyValues.check(AttributeRule.RATE_LIMIT_PERIOD, period, name);
        PolicyValues.check(AttributeRule.RATE_LIMIT_MAX_WAIT, maxWait, name);
    }
}
