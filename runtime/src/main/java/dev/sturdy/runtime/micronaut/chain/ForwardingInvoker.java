package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Invoker;
import io.micronaut.aop.MethodInvocationContext;

import java.util.function.UnaryOperator;

/**
 * An invoker that proceeds in its own way (subscribing to a publisher, resuming a coroutine) and
 * leaves detaching and carrying the call to the one that proceeds through Micronaut. Thread-safe.
 */
abstract class ForwardingInvoker implements Invoker<MethodInvocationContext<Object, Object>> {

    /** Proceeds through Micronaut. */
    final Invoker<MethodInvocationContext<Object, Object>> delegate;

    ForwardingInvoker(Invoker<MethodInvocationContext<Object, Object>> delegate) {
        this.delegate = delegate;
    }

    @Override
    public final MethodInvocationContext<Object, Object> detach(MethodInvocationContext<Object, Object> invocation,
            Object[] arguments) {
        return delegate.detach(invocation, arguments);
    }

    @Override
    public final Object[] arguments(MethodInvocationContext<Object, Object> invocation) {
        return delegate.arguments(invocation);
    }

    @Override
    public final UnaryOperator<Runnable> captureContext() {
        return delegate.captureContext();
    }
}
