package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds how long one call may take. At the deadline the work is interrupted (synchronous method)
 * or its future cancelled ({@code CompletionStage} method), and the caller gets
 * {@link dev.sturdy.exception.TimeoutExceededException} on time, even if the work ignores the
 * interrupt. Deadlines nest: a {@code @Timeout} method called from inside another one never gets
 * more than the caller's remaining budget.
 *
 * <p>On a type, applies to every public method; a method's own {@code @Timeout} wins.
 *
 * @see Retry
 * @see Bulkhead
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timeout {

    /** The time one call may take, as a duration. Default {@code "1s"}; greater than 0. */
    String value() default "1s";
}
