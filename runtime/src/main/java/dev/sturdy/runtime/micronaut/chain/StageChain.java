package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;
import io.micronaut.aop.MethodInvocationContext;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The chain of a method that returns a {@code CompletionStage}: no policy blocks the caller.
 *
 * @param head the outermost strategy
 */
public record StageChain(Strategy<MethodInvocationContext<Object, Object>> head) implements MethodChain {

    @Override
    public Object run(MethodInvocationContext<Object, Object> context) {
        return forCaller(head.callAsync(context));
    }

    /**
     * The stage an async caller gets: the same whatever the annotations. A failure arrives as the
     * method threw it, without the {@link CompletionException} that some futures wrap it in; a
     * cancellation the caller did not ask for (the method cancelled its own future, or the
     * application is shutting down) arrives as a failure whose cause is the
     * {@link CancellationException}, so that {@code isCancelled()} means the caller cancelled.
     * Cancelling the stage cancels the work.
     */
    private static CompletableFuture<Object> forCaller(CompletableFuture<Object> work) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        work.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable original = Futures.unwrap(failure);
            boolean unasked = original instanceof CancellationException;
            result.completeExceptionally(unasked ? new CompletionException(original) : original);
        });
        Futures.whenCancelled(result, () -> work.cancel(true));
        return result;
    }
}
