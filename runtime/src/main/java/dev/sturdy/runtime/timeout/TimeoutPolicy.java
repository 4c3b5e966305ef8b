package dev.sturdy.runtime.timeout;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.runtime.core.Policies;

import java.time.Duration;

/**
 * What a {@link dev.sturdy.annotation.Timeout} asks for, validated. Immutable and thread-safe.
 *
 * @param method the method as {@code SimpleClass#method}, for messages
 * @param timeout how long one call may take
 * @see TimeoutStrategy
 */
public record TimeoutPolicy(String method, Duration timeout) {

    /**
     * Checks the timeout against the rule of {@link dev.sturdy.annotation.Timeout#value()}.
     */
    public TimeoutPolicy {
        Policies.check(AttributeRule.TIMEOUT_VALUE, timeout, method);
    }
}
