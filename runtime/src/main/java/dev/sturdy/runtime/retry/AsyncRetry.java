package dev.sturdy.runtime.retry;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Relay;
import dev.sturdy.runtime.time.Cancellable;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One asynchronous call under a {@link RetryStrategy}: starts attempts, schedules the next one
 * after a failure, and completes {@link #result} with the first success or the final failure.
 * Cancelling {@code result} cancels the attempt in flight and the pending retry.
 *
 * @param <I> the invocation type
 */
final class AsyncRetry<I> implements BiConsumer<Object, Throwable> {

    private final RetryStrategy<I> strategy;
    private final I invocation;
    private final Relay relay = new Relay(this::cancelPendingRetry);
    private final CompletableFuture<Object> result = relay.result();
    private final Runnable nextAttempt;
    private final long start;
    private final EarlierFailures earlier;
    private int attempts;
    private volatile Cancellable pendingRetry;

    AsyncRetry(RetryStrategy<I> strategy, I invocation) {
        this.strategy = strategy;
        this.invocation = invocation;
        this.start = strategy.clock().nanoTime();
        this.earlier = new EarlierFailures(strategy.method());
        this.nextAttempt = strategy.invoker().captureContext().apply(this::attempt);
    }

    CompletableFuture<Object> start() {
        Runnable forget = strategy.inFlight().register(this::shutDown);
        result.whenComplete((value, failure) -> forget.run());
        attempt();
        return result;
    }

    private void attempt() {
        if (result.isDone()) {
            return;
        }
        attempts++;
        relay.track(Futures.started(() -> strategy.delegate().callAsync(invocation))).whenComplete(this);
    }

    /** Called when an attempt completes. Attempts never overlap, so the fields need no lock. */
    @Override
    public void accept(Object value, Throwable failure) {
        if (failure == null) {
            result.complete(value);
            return;
        }
        Throwable original = Futures.unwrap(failure);
        boolean mayRetry = !result.isDone() && strategy.invoker().mayRepeat(invocation);
        long delay = mayRetry ? strategy.nextDelayNanos(original, attempts, start) : RetryPolicy.STOP;
        if (delay == RetryPolicy.STOP) {
            result.completeExceptionally(earlier.attachTo(original));
            return;
        }
        if (!strategy.mayWait(delay)) {
            result.completeExceptionally(earlier.attachTo(strategy.notRetried(original)));
            return;
        }
        earlier.add(original);
        strategy.retrying(attempts, original, delay);
        try {
            pendingRetry = strategy.clock().schedule(nextAttempt, delay);
        } catch (RuntimeException rejected) {
            fail(original, rejected);
            return;
        }
        if (result.isDone()) {
            pendingRetry.cancel();
        }
    }

    /** The retry could not be scheduled (the application is shutting down). */
    private void fail(Throwable last, RuntimeException rejected) {
        earlier.removeLast();
        last.addSuppressed(rejected);
        result.completeExceptionally(earlier.attachTo(last));
    }

    /** Ends the call at once: the application is shutting down. */
    private void shutDown() {
        result.completeExceptionally(Futures.shuttingDown(strategy.method()));
    }

    private void cancelPendingRetry() {
        Cancellable retry = pendingRetry;
        if (retry != null) {
            retry.cancel();
        }
    }
}
