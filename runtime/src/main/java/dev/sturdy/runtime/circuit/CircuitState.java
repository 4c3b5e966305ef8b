package dev.sturdy.runtime.circuit;

/**
 * The states of a circuit breaker, as operators and listeners see them.
 */
public enum CircuitState {
    /** Calls pass and their outcomes are recorded. */
    CLOSED,
    /** Calls are rejected without reaching the method. */
    OPEN,
    /** A limited number of trial calls decide whether to close or re-open. */
    HALF_OPEN
}
