package dev.sturdy.runtime.ratelimit;

import dev.sturdy.runtime.core.Relay;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Applies a {@link RateLimiter}: a call takes a token and proceeds, or waits for a reserved one
 * (sleeping, for a sync caller; scheduled, for an async call), or fails with
 * {@link dev.sturdy.exception.RateLimitExceededException} when none comes within {@code maxWait}.
 * Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class RateLimitStrategy<I> implements Strategy<I> {

    private final RateLimiter limiter;
    private final Strategy<I> delegate;
    private final Facilities<I> facilities;
    private final RateLimitListener listener;

    /**
     * @param limiter the bucket, possibly shared with other methods
     * @param delegate the strategy inside this one
     * @param facilities the clock that times the waits, the invoker that carries the caller's
     *                   context to a call that waited
     * @param listener told about every rejection
     */
    public RateLimitStrategy(RateLimiter limiter, Strategy<I> delegate, Facilities<I> facilities, RateLimitListener listener) {
        this.limiter = limiter;
        this.delegate = delegate;
        this.facilities = facilities;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        long wait = limiter.reserve();
        if (wait == RateLimiter.REJECTED) {
            listener.limited(limiter.policy().name());
            throw limiter.exceeded();
        }
        if (wait > 0) {
            boolean slept;
            try {
                slept = facilities.clock().sleep(wait);
            } catch (InterruptedException interrupted) {
                throw Futures.interrupted("a token of rate limit " + limiter.policy().name(), interrupted);
            }
            if (!slept) {
                throw shuttingDown();
            }
        }
        return delegate.call(invocation);
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        long wait = limiter.reserve();
        if (wait == RateLimiter.REJECTED) {
            listener.limited(limiter.policy().name());
            return CompletableFuture.failedFuture(limiter.exceeded());
        }
        if (wait == 0) {
            return delegate.callAsync(invocation);
        }
        return Relay.later(facilities, wait, () -> delegate.callAsync(invocation), this::shuttingDown);
    }

    private CancellationException shuttingDown() {
        return Futures.shuttingDown("a call waiting for a token of rate limit " + limiter.policy().name());
    }
}
