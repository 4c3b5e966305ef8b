package dev.sturdy.exception;

/**
 * Base of every exception a Sturdy policy raises on its own account (as opposed to the protected
 * method's own failures, which Sturdy always passes on unchanged).
 *
 * @see TimeoutExceededException
 * @see CircuitOpenException
 * @see BulkheadFullException
 * @see RateLimitExceededException
 * @see FanoutException
 */
public class SturdyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, naming the method or the named policy
     */
    public SturdyException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the method or the named policy
     * @param cause the failure behind it
     */
    public SturdyException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For rejections that are raised in great numbers under load, where a stack trace costs more
     * than it tells.
     *
     * @param message what happened, naming the method or the named policy
     * @param writableStackTrace whether to capture a stack trace
     */
    protected SturdyException(String message, boolean writableStackTrace) {
        super(message, null, true, writableStackTrace);
    }
}
