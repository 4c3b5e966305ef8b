package dev.sturdy.runtime.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The innermost strategy, and the only one that proceeds to the method. Thread-safe.
 *
 * @param <I> the invocation type
 * @see Strategy
 */
public final class Sentinel<I> implements Strategy<I> {

    private final Invoker<I> invoker;
    private final String method;

    /**
     * @param invoker proceeds to the method
     * @param method the method as {@code SimpleClass#method}, for messages
     */
    public Sentinel(Invoker<I> invoker, String method) {
        this.invoker = invoker;
        this.method = method;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        return invoker.proceed(invocation);
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        Object result;
        try {
            result = invoker.proceed(invocation);
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(failure);
        }
        if (result == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    method + " returned null instead of a CompletionStage"));
        }
        return Futures.of((CompletionStage<?>) result);
    }
}
