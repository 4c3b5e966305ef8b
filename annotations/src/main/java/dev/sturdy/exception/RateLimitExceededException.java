package dev.sturdy.exception;

/**
 * A {@link dev.sturdy.annotation.RateLimit} had no token within the allowed wait. Carries no
 * stack trace: it is raised for every rejected call under overload.
 */
public class RateLimitExceededException extends SturdyException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the rate limit and its limits
     */
    public RateLimitExceededException(String message) {
        super(message, false);
    }
}
