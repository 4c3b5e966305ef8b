package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;
import io.micronaut.aop.MethodInvocationContext;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One method's chain of strategies and whether the method is async. Immutable and thread-safe.
 *
 * @param head the outermost strategy
 * @param async whether the method returns a {@code CompletionStage}
 */
public record MethodChain(Strategy<MethodInvocationContext<Object, Object>> head, boolean async) {

    public Object run(MethodInvocationContext<Object, Object> context) {
        if (async) {
            return forCaller(head.callAsync(context));
        }
        try {
            return head.call(context);
        } catch (Throwable failure) {
            throw Futures.sneakyThrow(failure);
        }
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
