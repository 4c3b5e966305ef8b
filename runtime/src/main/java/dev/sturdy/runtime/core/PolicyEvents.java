package dev.sturdy.runtime.core;

import dev.sturdy.runtime.circuit.CircuitBreakerListener;
import dev.sturdy.runtime.circuit.CircuitState;

import java.time.Duration;

/**
 * What Sturdy's strategies report as they work: retries, timeouts, rejections, fallbacks, fan-out
 * chunks, circuit state changes, and (only when something asks for them, see {@link #observesCalls()})
 * the outcome of every call. Reported on the thread where it happens: implementations must be
 * quick, must not throw, and are thread-safe. Every method does nothing by default.
 *
 * @see CircuitBreakerListener
 */
public interface PolicyEvents extends CircuitBreakerListener {

    /** Reports to nobody. */
    PolicyEvents NONE = new PolicyEvents() { };

    /**
     * @param method {@code SimpleClass#method}
     * @param attempt the attempt that failed, from 1
     * @param failure its failure
     * @param delay the wait before the next attempt
     */
    default void retrying(String method, int attempt, Throwable failure, Duration delay) {
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param after the budget that ran out
     */
    default void timedOut(String method, Duration after) {
    }

    /** @param bulkhead the bulkhead's name, or {@code SimpleClass#method} */
    default void bulkheadRejected(String bulkhead) {
    }

    /** @param rateLimit the rate limit's name, or {@code SimpleClass#method} */
    default void rateLimited(String rateLimit) {
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param failure what the fallback answered
     */
    default void fallbackUsed(String method, Throwable failure) {
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param nanos how long the chunk took
     * @param failure how it failed, or {@code null}
     */
    default void fanoutChunkEnded(String method, long nanos, Throwable failure) {
    }

    @Override
    default void onStateChange(String breaker, CircuitState from, CircuitState to) {
    }

    /** @return whether {@link #callEnded} should be told about every call (costs a clock read per call) */
    default boolean observesCalls() {
        return false;
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param nanos how long the call took, from the caller's point of view
     * @param failure how it failed, or {@code null}
     */
    default void callEnded(String method, long nanos, Throwable failure) {
    }
}
