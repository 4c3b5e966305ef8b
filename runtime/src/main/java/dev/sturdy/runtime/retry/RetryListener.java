package dev.sturdy.runtime.retry;

import java.time.Duration;

/**
 * Told about every retry that is about to happen.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
@FunctionalInterface
public interface RetryListener {

    /** Tells nobody. */
    RetryListener NONE = (method, attempt, failure, delay) -> { };

    /**
     * @param method {@code SimpleClass#method}
     * @param attempt the attempt that failed, from 1
     * @param failure its failure
     * @param delay the wait before the next attempt
     */
    void retrying(String method, int attempt, Throwable failure, Duration delay);

    /**
     * @param method {@code SimpleClass#method}
     * @param attempt the attempt that failed, from 1, and is not retried
     * @param failure its failure, thrown as it is
     * @param budget the retry budget that had no room for the retry
     */
    default void budgetExhausted(String method, int attempt, Throwable failure, String budget) {
    }
}
