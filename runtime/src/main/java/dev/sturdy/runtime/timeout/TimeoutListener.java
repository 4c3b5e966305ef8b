package dev.sturdy.runtime.timeout;

import java.time.Duration;

/**
 * Told about every call whose timeout won the race with its work.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
@FunctionalInterface
public interface TimeoutListener {

    /** Tells nobody. */
    TimeoutListener NONE = (method, after) -> { };

    /**
     * @param method {@code SimpleClass#method}
     * @param after the budget that ran out
     */
    void timedOut(String method, Duration after);
}
