package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;
import io.micronaut.aop.MethodInvocationContext;

/**
 * One method's chain of strategies and whether the method is async. Immutable and thread-safe.
 *
 * @param head the outermost strategy
 * @param async whether the method returns a {@code CompletionStage}
 */
public record MethodChain(Strategy<MethodInvocationContext<Object, Object>> head, boolean async) {

    public Object run(MethodInvocationContext<Object, Object> context) {
        if (async) {
            return head.callAsync(context);
        }
        try {
            return head.call(context);
        } catch (Throwable failure) {
            throw Futures.sneakyThrow(failure);
        }
    }
}
