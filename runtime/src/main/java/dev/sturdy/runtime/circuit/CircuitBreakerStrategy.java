package dev.sturdy.runtime.circuit;

import dev.sturdy.runtime.core.Cancellation;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;

import java.util.concurrent.CompletableFuture;

/**
 * Applies a {@link CircuitBreaker}: rejects calls it does not admit and records the outcome of
 * those it does, for sync calls when they return or throw and for async calls when their future
 * completes; with {@code slowCall}, a success that took longer is recorded as a failure (only then
 * are calls timed). Thread-safe; allocates nothing for a sync call.
 *
 * @param <I> the invocation type
 */
public final class CircuitBreakerStrategy<I> implements Strategy<I> {

    private final CircuitBreaker breaker;
    private final Strategy<I> delegate;
    private final boolean timed;

    /**
     * @param breaker the breaker, possibly shared with other methods
     * @param delegate the strategy inside this one
     */
    public CircuitBreakerStrategy(CircuitBreaker breaker, Strategy<I> delegate) {
        this.breaker = breaker;
        this.delegate = delegate;
        this.timed = breaker.timesCalls();
    }

    @Override
    public Object call(I invocation) throws Throwable {
        Phase admitted = breaker.acquire();
        long started = timed ? breaker.callStarted() : 0;
        Object result;
        try {
            result = delegate.call(invocation);
        } catch (Throwable failure) {
            if (Cancellation.cancelledHere()) {
                breaker.onCancelled(admitted);
            } else {
                breaker.onFailure(admitted, failure);
            }
            throw failure;
        }
        if (timed) {
            breaker.onSuccess(admitted, started);
        } else {
            breaker.onSuccess(admitted);
        }
        return result;
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        Phase admitted;
        try {
            admitted = breaker.acquire();
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
        long started = timed ? breaker.callStarted() : 0;
        CompletableFuture<Object> work = delegate.callAsync(invocation);
        work.whenComplete((value, failure) -> {
            if (failure == null && timed) {
                breaker.onSuccess(admitted, started);
            } else if (failure == null) {
                breaker.onSuccess(admitted);
            } else {
                breaker.onFailure(admitted, Futures.unwrap(failure));
            }
        });
        return work;
    }
}
