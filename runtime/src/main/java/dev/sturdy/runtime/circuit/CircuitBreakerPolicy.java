package dev.sturdy.runtime.circuit;

import dev.sturdy.annotation.rules.AttributeRule;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.core.PolicyValues;

import java.time.Duration;

/**
 * What a {@link dev.sturdy.annotation.CircuitBreaker} asks for, validated. Immutable and thread-safe.
 *
 * @param name the breaker's name for messages and events: its {@code name}, or {@code SimpleClass#method}
 * @param window how many of the latest calls the failure ratio is computed over
 * @param failureRatio the share of failures in a full window that opens the breaker
 * @param delay how long the breaker stays open before trial calls
 * @param successThreshold trial calls, all of which must succeed to close
 * @param failOn which failures count as failures ({@code skipOn} as its exclusions)
 * @param slowCall a success that takes longer counts as a failure; {@code null} for off
 * @see CircuitBreaker
 */
public record CircuitBreakerPolicy(String name, int window, double failureRatio, Duration delay, int successThreshold,
                                   ExceptionMatcher failOn, Duration slowCall) {

    /**
     * Checks every value against the rules of {@link dev.sturdy.annotation.CircuitBreaker}.
     */
    public CircuitBreakerPolicy {
        PolicyValues.check(AttributeRule.CIRCUIT_BREAKER_WINDOW, window, name);
        PolicyValues.check(AttributeRule.CIRCUIT_BREAKER_FAILURE_RATIO, failureRatio, name);
        PolicyValues.check(AttributeRule.CIRCUIT_BREAKER_DELAY, delay, name);
        PolicyValues.check(AttributeRule.CIRCUIT_BREAKER_SUCCESS_THRESHOLD, successThreshold, name);
        if (slowCall != null) {
            PolicyValues.check(AttributeRule.CIRCUIT_BREAKER_SLOW_CALL, slowCall, name);
        }
    }

    /** A breaker that does not time calls. */
    public CircuitBreakerPolicy(String name, int window, double failureRatio, Duration delay, int successThreshold,
            ExceptionMatcher failOn) {
        this(name, window, failureRatio, delay, successThreshold, failOn, null);
    }
}
