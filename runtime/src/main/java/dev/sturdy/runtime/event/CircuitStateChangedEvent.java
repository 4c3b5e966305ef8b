package dev.sturdy.runtime.event;

import dev.sturdy.runtime.circuit.CircuitState;

/**
 * A circuit breaker changed state.
 *
 * @param breaker its name, or {@code SimpleClass#method}
 * @param from the state it left
 * @param to the state it entered
 */
public record CircuitStateChangedEvent(String breaker, CircuitState from, CircuitState to) implements SturdyEvent {
}
