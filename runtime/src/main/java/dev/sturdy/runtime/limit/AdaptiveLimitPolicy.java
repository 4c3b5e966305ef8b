package dev.sturdy.runtime.limit;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.core.PolicyValues;

/**
 * What an {@link dev.sturdy.annotation.AdaptiveLimit} asks for, validated. Immutable and thread-safe.
 *
 * @param name the limit's name for messages and meters: its {@code name}, or {@code SimpleClass#method}
 * @param initial the limit before any latency is observed
 * @param min the smallest the limit becomes
 * @param max the largest the limit becomes
 * @see AdaptiveLimiter
 */
public record AdaptiveLimitPolicy(String name, int initial, int min, int max) {

    /**
     * Checks every value against the rules of {@link dev.sturdy.annotation.AdaptiveLimit}.
     */
    public AdaptiveLimitPolicy {
        PolicyValues.check(AttributeRule.ADAPTIVE_LIMIT_INITIAL, initial, name);
        PolicyValues.check(AttributeRule.ADAPTIVE_LIMIT_MIN, min, name);
        PolicyValues.check(AttributeRule.ADAPTIVE_LIMIT_MAX, max, name);
        if (min > max || initial < min || initial > max) {
            throw new IllegalArgumentException(Diagnostics.adaptiveLimitOrder(name, initial, min, max));
        }
    }
}
