package dev.sturdy.runtime.hedge;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.runtime.core.PolicyValues;

import java.time.Duration;

/**
 * What a {@link dev.sturdy.annotation.Hedge} asks for, validated. Immutable and thread-safe.
 *
 * @param method the method as {@code SimpleClass#method}, for messages
 * @param delay how long an attempt may run before the next one starts
 * @param maxHedges extra attempts at most, beyond the first
 * @see HedgeStrategy
 */
public record HedgePolicy(String method, Duration delay, int maxHedges) {

    /**
     * Checks every value against the rules of {@link dev.sturdy.annotation.Hedge}.
     */
    public HedgePolicy {
        PolicyValues.check(AttributeRule.HEDGE_DELAY, delay, method);
        PolicyValues.check(AttributeRule.HEDGE_MAX_HEDGES, maxHedges, method);
    }
}
