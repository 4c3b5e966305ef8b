package dev.sturdy.runtime.micronaut.chain;

import io.micronaut.aop.MethodInvocationContext;

/**
 * One protected method's chain of strategies, run the way the method delivers its result (see
 * {@link ResultShape}). Built once per method. Immutable and thread-safe.
 */
public interface MethodChain {

    /**
     * @param context the intercepted call
     * @return what the caller gets: the method's value, a stage or a publisher of the method's type
     */
    Object run(MethodInvocationContext<Object, Object> context);
}
