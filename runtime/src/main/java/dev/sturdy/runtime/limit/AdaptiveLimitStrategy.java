package dev.sturdy.runtime.limit;

import dev.sturdy.runtime.core.Cancellation;
import dev.sturdy.exception.BulkheadFullException;
import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.bulkhead.BulkheadListener;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.time.SturdyClock;

import java.util.concurrent.CompletableFuture;

/**
 * Applies an {@link AdaptiveLimiter}: a call that finds the limit reached fails at once with
 * {@link BulkheadFullException}; one that is admitted is timed, and its end (when it returns or
 * throws, or when its future completes) tells the limiter its latency: a success is a sample; a
 * call that ran out of time (interrupted by a {@code @Timeout} outside, or a
 * {@link TimeoutExceededException}) is a drop; any other failure, or a cancellation, tells nothing
 * about load. An async call cut by a {@code @Timeout} arrives here as a cancellation: its place is
 * freed at the deadline (as a bulkhead's permit is), and it is no drop. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class AdaptiveLimitStrategy<I> implements Strategy<I> {

    private final AdaptiveLimiter limiter;
    private final Strategy<I> delegate;
    private final SturdyClock clock;
    private final BulkheadListener listener;

    /**
     * @param limiter the limit, possibly shared with other methods
     * @param delegate the strategy inside this one
     * @param clock times the calls
     * @param listener told about every rejection
     */
    public AdaptiveLimitStrategy(AdaptiveLimiter limiter, Strategy<I> delegate, SturdyClock clock, BulkheadListener listener) {
        this.limiter = limiter;
        this.delegate = delegate;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        int before = admit();
        long started = clock.nanoTime();
        Object result;
        try {
            result = delegate.call(invocation);
        } catch (Throwable failure) {
            // a hedge that lost was interrupted: that says nothing about load
            AdaptiveLimiter.Outcome outcome = Cancellation.cancelledHere() ? AdaptiveLimiter.Outcome.IGNORED
                    : Thread.currentThread().isInterrupted() ? AdaptiveLimiter.Outcome.DROPPED : outcome(failure);
            limiter.release(before, clock.nanoTime() - started, outcome);
            throw failure;
        }
        limiter.release(before, clock.nanoTime() - started, AdaptiveLimiter.Outcome.SAMPLE);
        return result;
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        int before;
        try {
            before = admit();
        } catch (BulkheadFullException full) {
            return CompletableFuture.failedFuture(full);
        }
        long started = clock.nanoTime();
        CompletableFuture<Object> work;
        try {
            work = delegate.callAsync(invocation);
        } catch (RuntimeException | Error thrown) {
            limiter.release(before, clock.nanoTime() - started, outcome(thrown));
            throw thrown;
        }
        work.whenComplete((value, failure) -> limiter.release(before, clock.nanoTime() - started,
                failure == null ? AdaptiveLimiter.Outcome.SAMPLE : outcome(Futures.unwrap(failure))));
        return work;
    }

    private int admit() {
        try {
            return limiter.acquire();
        } catch (BulkheadFullException full) {
            listener.rejected(limiter.policy().name());
            throw full;
        }
    }

    /**
     * @return a drop for a call that ran out of time, else nothing; a sync call interrupted by a
     * caller's-thread timeout is a drop too, which only its own thread's flag tells, so the sync path
     * checks that flag itself (on the async path it would be some other thread's)
     */
    private static AdaptiveLimiter.Outcome outcome(Throwable failure) {
        boolean outOfTime = failure instanceof TimeoutExceededException || failure instanceof InterruptedException;
        return outOfTime ? AdaptiveLimiter.Outcome.DROPPED : AdaptiveLimiter.Outcome.IGNORED;
    }
}
