package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds how long one call may take. At the deadline the work is interrupted (synchronous method)
 * or its future cancelled ({@code CompletionStage} method), and the caller gets
 * {@link dev.sturdy.exception.TimeoutExceededException}. Deadlines nest: a {@code @Timeout} method
 * called from inside another one never gets more than the caller's remaining budget.
 *
 * <p>A synchronous method runs on the caller's thread, which is interrupted at the deadline: the
 * caller's thread-locals (an outer transaction, a security context) stay visible to the work, and
 * nothing is handed to another thread, but the caller waits until the work stops, which for work
 * that ignores interrupts is after the deadline. {@link #isolated()} trades the other way.
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

    /**
     * Whether a synchronous method runs on a worker thread while the caller waits: the caller gets
     * its {@code TimeoutExceededException} at the deadline even if the work ignores the interrupt
     * (the work goes on, unseen, until it stops), at the cost of a thread hand-off per call, and
     * the work does not see the caller's thread-locals. Default {@code false}. Asynchronous
     * methods are unaffected.
     */
    boolean isolated() default false;
}
