package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;
import io.micronaut.aop.MethodInvocationContext;

/**
 * The chain of a method that returns a plain value: the policies run on the caller's thread.
 *
 * @param head the outermost strategy
 */
public record SyncChain(Strategy<MethodInvocationContext<Object, Object>> head) implements MethodChain {

    @Override
    public Object run(MethodInvocationContext<Object, Object> context) {
        try {
            return head.call(context);
        } catch (Throwable failure) {
            throw Futures.sneakyThrow(failure);
        }
    }
}
