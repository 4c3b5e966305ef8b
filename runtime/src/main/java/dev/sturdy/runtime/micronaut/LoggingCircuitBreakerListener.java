package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.circuit.CircuitBreakerListener;
import dev.sturdy.runtime.circuit.CircuitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every state change of a circuit breaker: opening at WARN, the rest at INFO. */
final class LoggingCircuitBreakerListener implements CircuitBreakerListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.sturdy.circuit");

    @Override
    public void onStateChange(String breaker, CircuitState from, CircuitState to) {
        if (to == CircuitState.OPEN) {
            LOG.warn("circuit breaker {}: {} -> {}", breaker, from, to);
        } else {
            LOG.info("circuit breaker {}: {} -> {}", breaker, from, to);
        }
    }
}
