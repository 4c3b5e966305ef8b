package dev.sturdy.runtime.event;

import java.time.Duration;

/**
 * An attempt failed and another will follow; or, when {@link #exhaustedBudget()} is set, another
 * would have followed but its retry budget had no room for it, and the failure is thrown.
 *
 * @param method {@code SimpleClass#method}
 * @param attempt the attempt that failed, from 1
 * @param failure its failure
 * @param delay the wait before the next attempt; {@code null} when none follows
 * @param exhaustedBudget the retry budget that had no room for the retry, else {@code null}
 */
public record RetryEvent(String method, int attempt, Throwable failure, Duration delay, String exhaustedBudget)
        implements SturdyEvent {

    /** An attempt failed and another will follow after {@code delay}. */
    public RetryEvent(String method, int attempt, Throwable failure, Duration delay) {
        this(method, attempt, failure, delay, null);
    }

    /** @return whether another attempt follows */
    public boolean retrying() {
        return exhaustedBudget == null;
    }
}
