package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.fallback.FallbackCall;
import io.micronaut.aop.MethodInvocationContext;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

/**
 * Proceeds with a method whose publisher emits at most one element, and subscribes to it: each
 * attempt is a future that completes with the element ({@code null} when there is none) or the
 * failure, and cancelling it cancels the subscription. Thread-safe.
 */
public final class SingleInvoker extends ForwardingInvoker {

    private final ReactiveType type;

    /**
     * @param delegate proceeds through Micronaut
     * @param type the method's return type
     */
    public SingleInvoker(Invoker<MethodInvocationContext<Object, Object>> delegate, ReactiveType type) {
        super(delegate);
        this.type = type;
    }

    /** @return the attempt: a {@link CompletableFuture} subscribed to the method's publisher */
    @Override
    public Object proceed(MethodInvocationContext<Object, Object> invocation) throws Throwable {
        return subscribe(delegate.proceed(invocation));
    }

    /**
     * @param fallback calls the fallback method, which returns the same reactive type
     * @return calls it and subscribes to its publisher
     */
    public FallbackCall<MethodInvocationContext<Object, Object>> subscribing(
            FallbackCall<MethodInvocationContext<Object, Object>> fallback) {
        return (invocation, failure) -> subscribe(fallback.invoke(invocation, failure));
    }

    private CompletableFuture<Object> subscribe(Object result) {
        return Mono.from(type.toPublisher(result)).toFuture();
    }
}
