package dev.sturdy.runtime.fallback;

/**
 * Calls the fallback method for a failed invocation; supplied by the adapter that found the
 * method. Thread-safe.
 *
 * @param <I> the invocation type
 */
@FunctionalInterface
public interface FallbackCall<I> {

    /**
     * @param invocation the failed call, whose arguments the fallback receives
     * @param failure the original failure
     * @return the fallback's result: a value, or a {@code CompletionStage} for an async method
     * @throws Throwable the fallback's own failure
     */
    Object invoke(I invocation, Throwable failure) throws Throwable;
}
