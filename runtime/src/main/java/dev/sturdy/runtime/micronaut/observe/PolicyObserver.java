package dev.sturdy.runtime.micronaut.observe;

import dev.sturdy.runtime.bulkhead.BulkheadListener;
import dev.sturdy.runtime.chaos.ChaosListener;
import dev.sturdy.runtime.circuit.CircuitBreakerListener;
import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.core.CallListener;
import dev.sturdy.runtime.fallback.FallbackListener;
import dev.sturdy.runtime.fanout.FanoutListener;
import dev.sturdy.runtime.hedge.HedgeListener;
import dev.sturdy.runtime.ratelimit.RateLimitListener;
import dev.sturdy.runtime.retry.RetryListener;
import dev.sturdy.runtime.timeout.TimeoutListener;

import java.time.Duration;

/**
 * A bean that listens to every policy at once (application events, metrics); all such beans
 * together are the listener every strategy is given. Every method does nothing by default.
 * Implementations are quick, thread-safe, and never throw.
 *
 * @see AllObservers
 */
public interface PolicyObserver extends RetryListener, TimeoutListener, BulkheadListener, RateLimitListener, FallbackListener,
        FanoutListener, CircuitBreakerListener, HedgeListener, ChaosListener, CallListener {

    @Override
    default void retrying(String method, int attempt, Throwable failure, Duration delay) {
    }

    @Override
    default void timedOut(String method, Duration after) {
    }

    @Override
    default void rejected(String bulkhead) {
    }

    @Override
    default void limited(String rateLimit) {
    }

    @Override
    default void fallbackUsed(String method, Throwable failure) {
    }

    @Override
    default void chunkEnded(String method, long nanos, Throwable failure) {
    }

    @Override
    default void onStateChange(String breaker, CircuitState from, CircuitState to) {
    }

    /** @return whether {@link #callEnded} should be told about every call (costs two clock reads per call) */
    default boolean observesCalls() {
        return false;
    }

    @Override
    default void callEnded(String method, long nanos, Throwable failure) {
    }
}
