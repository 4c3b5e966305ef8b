package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds how many calls run at once. Never more than {@link #maxConcurrent()} executions run at
 * the same time; a permit is returned whatever happens, at the latest when the execution ends.
 * Calls that find no permit wait if {@link #maxWaiting()} allows (asynchronous calls queue in
 * arrival order without blocking a thread; synchronous callers wait up to {@link #maxWait()}),
 * otherwise they fail with {@link dev.sturdy.exception.BulkheadFullException}.
 *
 * <p>On a type, applies to every public method; a method's own {@code @Bulkhead} wins.
 *
 * @see RateLimit
 * @see Timeout
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Bulkhead {

    /** Executions allowed at the same time. Default 10; at least 1. */
    int maxConcurrent() default 10;

    /**
     * Calls allowed to wait for a permit: queued asynchronous calls, or synchronous callers when
     * {@link #maxWait()} is greater than 0. Default 10; at least 0.
     */
    int maxWaiting() default 10;

    /** How long a synchronous caller may wait for a permit, as a duration. Default {@code "0ms"}; at least 0. */
    String maxWait() default "0ms";

    /**
     * Name of a bulkhead shared by every method that uses the same name. Default {@code ""}: one
     * bulkhead per method.
     */
    String name() default "";
}
