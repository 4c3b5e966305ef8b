package dev.sturdy.runtime.ratelimit;

import dev.sturdy.runtime.core.Relay;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.time.Cancellable;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Applies a {@link TokenBucket}: a call takes a token and proceeds, or waits for a reserved one
 * (sleeping, for a sync caller; scheduled, for an async call), or fails with
 * {@link dev.sturdy.exception.RateLimitExceededException} when none comes within {@code maxWait}.
 * An async call asks a shared bucket without blocking, and starts on Sturdy's threads, in the
 * caller's context, never on the thread the store answered on. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class RateLimitStrategy<I> implements Strategy<I> {

    private final TokenBucket limiter;
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
    public RateLimitStrategy(TokenBucket limiter, Strategy<I> delegate, Facilities<I> facilities, RateLimitListener listener) {
        this.limiter = limiter;
        this.delegate = delegate;
        this.facilities = facilities;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        long wait = limiter.reserve();
        if (wait == TokenBucket.REJECTED) {
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
        CompletableFuture<Long> asked = limiter.reserveAsync();
        if (asked != null) {
            return afterAnswer(asked, invocation);
        }
        long wait = limiter.reserve();
        if (wait == TokenBucket.REJECTED) {
            listener.limited(limiter.policy().name());
            return CompletableFuture.failedFuture(limiter.exceeded());
        }
        if (wait == 0) {
            return delegate.callAsync(invocation);
        }
        return Relay.later(facilities, wait, () -> delegate.callAsync(invocation), this::shuttingDown);
    }

    /** A shared bucket's answer to come: then rejected, or started after the wait it says. */
    private CompletableFuture<Object> afterAnswer(CompletableFuture<Long> asked, I invocation) {
        UnaryOperator<Runnable> callerContext = facilities.invoker().captureContext();
        AtomicReference<Cancellable> timer = new AtomicReference<>();
        Relay relay = new Relay(() -> {
            asked.cancel(false);
            Cancellable pending = timer.get();
            if (pending != null) {
                pending.cancel();
            }
        });
        // whatever the answer, the call goes on from a task of Sturdy's, in the caller's context: never on
        // the store's I/O thread (a fallback or a listener there would hold up every other call's answer)
        asked.whenComplete((wait, failure) -> {
            long delay = failure == null && wait != TokenBucket.REJECTED ? wait : 0;
            timer.set(facilities.clock().schedule(callerContext.apply(() -> {
                if (relay.result().isDone()) {
                    return;
                }
                if (failure != null) {
                    relay.result().completeExceptionally(Futures.unwrap(failure));
                } else if (wait == TokenBucket.REJECTED) {
                    listener.limited(limiter.policy().name());
                    relay.result().completeExceptionally(limiter.exceeded());
                } else {
                    relay.follow(Futures.started(() -> delegate.callAsync(invocation)));
                }
            }), delay));
            if (relay.result().isDone()) {
                timer.get().cancel();
            }
        });
        Runnable forget = facilities.inFlight().register(() -> relay.result().completeExceptionally(shuttingDown()));
        relay.result().whenComplete((value, failure) -> forget.run());
        return relay.result();
    }

    private CancellationException shuttingDown() {
        return Futures.shuttingDown("a call waiting for a token of rate limit " + limiter.policy().name());
    }
}
