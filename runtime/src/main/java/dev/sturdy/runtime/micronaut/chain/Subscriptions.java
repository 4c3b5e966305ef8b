package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Invoker;
import io.micronaut.aop.MethodInvocationContext;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The invocation each subscription to a method's publisher runs: the intercepted one for the first
 * subscription, a detached copy for each later one, since two subscriptions may run at once and one
 * invocation cannot be proceeded with twice at once. Thread-safe.
 */
final class Subscriptions {

    private final Invoker<MethodInvocationContext<Object, Object>> invoker;
    private final MethodInvocationContext<Object, Object> intercepted;
    private final AtomicBoolean taken = new AtomicBoolean();

    Subscriptions(Invoker<MethodInvocationContext<Object, Object>> invoker,
            MethodInvocationContext<Object, Object> intercepted) {
        this.invoker = invoker;
        this.intercepted = intercepted;
    }

    /** @return the invocation for a new subscription */
    MethodInvocationContext<Object, Object> next() {
        if (taken.compareAndSet(false, true)) {
            return intercepted;
        }
        return invoker.detach(intercepted, invoker.arguments(intercepted).clone());
    }
}
