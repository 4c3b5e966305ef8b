package dev.sturdy.exception;

/**
 * A {@link dev.sturdy.annotation.CircuitBreaker} rejected the call without invoking the method:
 * the breaker is OPEN, or HALF_OPEN with every trial slot taken. Carries no stack trace: it is
 * raised for every call while the breaker is open.
 */
public class CircuitOpenException extends SturdyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the breaker and its state
     */
    public CircuitOpenException(String message) {
        super(message, false);
    }
}
