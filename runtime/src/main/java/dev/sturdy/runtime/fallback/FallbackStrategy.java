package dev.sturdy.runtime.fallback;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Relay;
import dev.sturdy.runtime.core.Strategy;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Applies a {@link FallbackPolicy}: a failure that the policy covers is answered by the fallback
 * method, which receives the original failure (never a {@code CompletionException}); any other
 * failure, and the fallback's own, propagate. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class FallbackStrategy<I> implements Strategy<I> {

    private final FallbackPolicy policy;
    private final Strategy<I> delegate;
    private final FallbackCall<I> fallback;
    private final FallbackListener listener;

    /**
     * @param policy which failures to answer
     * @param delegate the strategy inside this one
     * @param fallback calls the fallback method
     * @param listener told about every use of the fallback
     */
    public FallbackStrategy(FallbackPolicy policy, Strategy<I> delegate, FallbackCall<I> fallback, FallbackListener listener) {
        this.policy = policy;
        this.delegate = delegate;
        this.fallback = fallback;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        try {
            return delegate.call(invocation);
        } catch (Throwable failure) {
            if (!answers(failure)) {
                throw failure;
            }
            listener.fallbackUsed(policy.method(), failure);
            try {
                return fallback.invoke(invocation, failure);
            } catch (Throwable fallbackFailure) {
                throw withOriginal(fallbackFailure, failure);
            }
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        Relay relay = new Relay();
        relay.track(delegate.callAsync(invocation)).whenComplete((value, failure) -> {
            Throwable original = failure == null ? null : Futures.unwrap(failure);
            if (original == null || relay.result().isDone() || !answers(original)) {
                Futures.complete(relay.result(), value, original);
            } else {
                relay.follow(answer(invocation, original));
            }
        });
        return relay.result();
    }

    /**
     * @return whether the fallback answers {@code failure}: one {@code applyOn} matches, and not a
     * cancellation (the caller's, the application shutting down), which is not the method failing
     */
    private boolean answers(Throwable failure) {
        return !(failure instanceof CancellationException) && policy.applyOn().matches(failure);
    }

    private CompletableFuture<Object> answer(I invocation, Throwable failure) {
        listener.fallbackUsed(policy.method(), failure);
        CompletableFuture<Object> answer;
        try {
            CompletionStage<?> stage = (CompletionStage<?>) fallback.invoke(invocation, failure);
            answer = stage == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("the fallback of " + policy.method()
                            + " returned null instead of a CompletionStage"))
                    : Futures.of(stage);
        } catch (Throwable fallbackFailure) {
            answer = CompletableFuture.failedFuture(fallbackFailure);
        }
        CompletableFuture<Object> answered = new CompletableFuture<>();
        answer.whenComplete((value, fallbackFailure) -> {
            if (fallbackFailure == null) {
                answered.complete(value);
            } else if (!answered.isDone()) {
                answered.completeExceptionally(withOriginal(Futures.unwrap(fallbackFailure), failure));
            }
        });
        CompletableFuture<Object> fallbackWork = answer;
        Futures.whenCancelled(answered, () -> fallbackWork.cancel(true));
        return answered;
    }

    /**
     * @return what the fallback failed with, carrying the failure it was called for as suppressed
     * (unless it is that failure, rethrown, or already carries it)
     */
    private static Throwable withOriginal(Throwable fallbackFailure, Throwable original) {
        if (fallbackFailure != original && fallbackFailure.getCause() != original
                && !Arrays.asList(fallbackFailure.getSuppressed()).contains(original)) {
            fallbackFailure.addSuppressed(original);
        }
        return fallbackFailure;
    }
}
