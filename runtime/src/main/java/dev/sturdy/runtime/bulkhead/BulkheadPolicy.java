package dev.sturdy.runtime.bulkhead;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.runtime.core.PolicyValues;

import java.time.Duration;

/**
 * What a {@link dev.sturdy.annotation.Bulkhead} asks for, validated. Immutable and thread-safe.
 *
 * @param name the bulkhead's name for messages: its {@code name}, or {@code SimpleClass#method}
 * @param maxConcurrent executions allowed at once
 * @param maxWaiting calls allowed to wait for a permit
 * @param maxWait how long a sync caller may wait
 * @see Bulkhead
 */
public record BulkheadPolicy(String name, int maxConcurrent, int maxWaiting, Duration maxWait) {

    /**
     * Checks every value against the rules of {@link dev.sturdy.annotation.Bulkhead}.
     */
    public BulkheadPolicy {
        PolicyValues.check(AttributeRule.BULKHEAD_MAX_CONCURRENT, maxConcurrent, name);
        PolicyValues.check(AttributeRule.BULKHEAD_MAX_WAITING, maxWaiting, name);
        PolicyValues.check(AttributeRule.BULKHEAD_MAX_WAIT, maxWait, name);
    }

    /** @return whether sync callers may wait at all */
    boolean syncCallersWait() {
        return maxWaiting > 0 && !maxWait.isZero();
    }
}
