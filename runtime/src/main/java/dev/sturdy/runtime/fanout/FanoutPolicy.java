package dev.sturdy.runtime.fanout;

import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.runtime.core.PolicyValues;

/**
 * What a {@link dev.sturdy.annotation.Fanout} asks for, validated. Immutable and thread-safe.
 *
 * @param method the method as {@code SimpleClass#method}, for messages
 * @param parallelism chunks in flight at once
 * @param batchSize items per chunk
 * @param errors what a failing chunk does to the others
 * @see FanoutStrategy
 */
public record FanoutPolicy(String method, int parallelism, int batchSize, FanoutErrors errors) {

    /**
     * Checks every value against the rules of {@link dev.sturdy.annotation.Fanout}.
     */
    public FanoutPolicy {
        PolicyValues.check(AttributeRule.FANOUT_PARALLELISM, parallelism, method);
        PolicyValues.check(AttributeRule.FANOUT_BATCH_SIZE, batchSize, method);
    }
}
