package dev.sturdy.runtime.timeout;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.runtime.core.PolicyValues;

import java.time.Duration;

/**
 * What a {@link dev.sturdy.annotation.Timeout} asks for, validated. Immutable and thread-safe.
 *
 * @param method the method as {@code SimpleClass#method}, for messages
 * @param timeout how long one call may take
 * @param isolated whether a sync call runs on a worker thread (the caller gets its timeout at the
 *                 deadline even if the work ignores the interrupt) rather than on the caller's
 *                 thread (no hand-off, the caller's thread-locals stay visible)
 * @see TimeoutStrategy
 */
public record TimeoutPolicy(String method, Duration timeout, boolean isolated) {

    /**
     * Checks the timeout against the rule of {@link dev.sturdy.annotation.Timeout#value()}.
     */
    public TimeoutPolicy {
        PolicyValues.check(AttributeRule.TIMEOUT_VALUE, timeout, method);
    }
}
