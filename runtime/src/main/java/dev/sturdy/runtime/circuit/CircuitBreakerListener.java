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
}
