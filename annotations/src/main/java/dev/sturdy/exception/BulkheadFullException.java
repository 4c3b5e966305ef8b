package dev.sturdy.exception;

/**
 * A {@link dev.sturdy.annotation.Bulkhead} had no permit and no room to wait for one, or the wait
 * ran out. Carries no stack trace: it is raised for every rejected call under overload.
 */
public class BulkheadFullException extends SturdyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the bulkhead and its limits
     */
    public BulkheadFullException(String message) {
        super(message, false);
    }
}
