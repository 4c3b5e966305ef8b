package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds the call rate with a token bucket: the bucket holds up to {@link #permits()} tokens,
 * starts full and refills continuously at {@code permits} per {@link #period()}; each call takes
 * one token. Without a token a caller waits up to {@link #maxWait()} (scheduled, for
 * asynchronous methods), then fails with {@link dev.sturdy.exception.RateLimitExceededException}.
 *
 * <p>On a type, applies to every public method; a method's own {@code @RateLimit} wins.
 *
 * @see Bulkhead
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimit {

    /** Tokens per {@link #period()}, and the bucket's capacity. Default 10; at least 1. */
    int permits() default 10;

    /** The time in which {@link #permits()} tokens are refilled, as a duration. Default {@code "1s"}; greater than 0. */
    String period() default "1s";

    /** How long a caller may wait for a token, as a duration. Default {@code "0ms"}; at least 0. */
    String maxWait() default "0ms";

    /**
     * Name of a rate limit shared by every method that uses the same name. Default {@code ""}: one
     * limit per method.
     */
    String name() default "";
}
