package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Calls the method again when it fails, waiting an exponentially growing, jittered delay between
 * attempts. After the last attempt the last failure is thrown as it is, with the earlier failures
 * attached as suppressed exceptions. An interrupted synchronous caller stops retrying and keeps
 * its interrupt flag; for a method returning {@code CompletionStage} the delays are scheduled,
 * never slept, and cancelling the returned stage cancels a pending retry.
 *
 * <p>On a type, applies to every public method; a method's own {@code @Retry} wins.
 *
 * @see Timeout
 * @see CircuitBreaker
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {

    /** Total number of calls, the first included. Default 3; at least 1 (1 means no retry). */
    int maxAttempts() default 3;

    /** Delay before the first retry, as a duration. Default {@code "100ms"}; at least 0. */
    String delay() default "100ms";

    /**
     * Factor applied to the delay after each retry. Default 2.0; at least 1.0 (1.0 keeps the delay
     * fixed).
     */
    double multiplier() default 2.0;

    /** Cap on a single delay, as a duration. Default {@code "10s"}; must not be less than {@link #delay()}. */
    String maxDelay() default "10s";

    /**
     * Relative spread of each delay: a delay {@code d} is drawn uniformly from
     * {@code [d(1-jitter), d(1+jitter)]}. Default 0.1; {@code 0 <= jitter < 1} (0 disables jitter).
     */
    double jitter() default 0.1;

    /**
     * Time budget measured from the first attempt: no new attempt starts after it. Default
     * {@code ""}, no budget; otherwise a duration greater than 0.
     */
    String maxDuration() default "";

    /**
     * The name of a retry budget, shared by every method that names it and configured under
     * {@code sturdy.retry-budgets.<name>} ({@code ratio}, {@code window}, {@code min-per-second}):
     * retries may add at most {@code ratio} of the first attempts made in the last {@code window},
     * or {@code min-per-second} retries a second when that is more. A retry the budget has no room
     * for does not happen: the last failure is thrown as it is. Stops retry storms: when a
     * dependency fails every call, retries add about {@code ratio} to its load, not
     * {@code maxAttempts - 1} times it. Default {@code ""}, no budget; a name that is not configured
     * fails the start-up.
     */
    String budget() default "";

    /** Failures that are retried (subclasses included). Default {@code {Exception.class}}. */
    Class<? extends Throwable>[] retryOn() default {Exception.class};

    /**
     * Failures that are never retried (subclasses included); wins over {@link #retryOn()}.
     * Default {@code {}}.
     */
    Class<? extends Throwable>[] abortOn() default {};
}
