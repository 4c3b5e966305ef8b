package dev.sturdy.runtime.circuit;

/**
 * Told about every state change of a circuit breaker, on the thread that caused it. Must be quick
 * and must not throw.
 */
@FunctionalInterface
public interface CircuitBreakerListener {

    /** A listener that does nothing. */
    CircuitBreakerListener NONE = (breaker, from, to) -> { };

    /**
     * @param breaker the breaker's name: its {@code name}, or the method as {@code SimpleClass#method}
     * @param from the state it left
     * @param to the state it entered
     */
    void onStateChange(String breaker, CircuitState from, CircuitState to);

    /**
     * Told about a change an operator made ({@link CircuitBreaker#forceOpen()},
     * {@link CircuitBreaker#forceClosed()}, {@link CircuitBreaker#reset()}), rather than calls.
     * By default, the same as any other change.
     *
     * @param breaker the breaker's name
     * @param from the state it left
     * @param to the state it entered
     */
    default void onStateForced(String breaker, CircuitState from, CircuitState to) {
        onStateChange(breaker, from, to);
    }
}
