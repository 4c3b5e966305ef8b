package dev.sturdy.runtime.core;

import dev.sturdy.runtime.time.SturdyClock;

import java.util.concurrent.CompletableFuture;

/**
 * The outermost strategy when something observes calls: tells {@link CallListener#callEnded} how
 * every call ended and how long it took. Not in the chain otherwise. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class ObservedStrategy<I> implements Strategy<I> {

    private final String method;
    private final Strategy<I> delegate;
    private final CallListener listener;
    private final SturdyClock clock;

    /**
     * @param method {@code SimpleClass#method}
     * @param delegate the strategy inside this one
     * @param listener told about every call
     * @param clock times the calls
     */
    public ObservedStrategy(String method, Strategy<I> delegate, CallListener listener, SturdyClock clock) {
        this.method = method;
        this.delegate = delegate;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        long start = clock.nanoTime();
        try {
            Object result = delegate.call(invocation);
            listener.callEnded(method, clock.nanoTime() - start, null);
            return result;
        } catch (Throwable failure) {
            listener.callEnded(method, clock.nanoTime() - start, failure);
            throw failure;
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        long start = clock.nanoTime();
        CompletableFuture<Object> result = delegate.callAsync(invocation);
        result.whenComplete((value, failure) -> listener.callEnded(method, clock.nanoTime() - start,
                failure == null ? null : Futures.unwrap(failure)));
        return result;
    }
}
