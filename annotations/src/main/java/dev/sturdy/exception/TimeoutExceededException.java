package dev.sturdy.exception;

/**
 * A call did not finish within its {@link dev.sturdy.annotation.Timeout}, or within the remaining
 * budget of an enclosing one. The work was interrupted or cancelled.
 */
public class TimeoutExceededException extends SturdyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the method and the deadline
     */
    public TimeoutExceededException(String message) {
        super(message);
    }
}
