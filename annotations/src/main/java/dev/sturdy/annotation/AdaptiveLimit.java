package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds how many calls run at once by a limit that follows the latency it observes, for a
 * dependency whose capacity is not known, or changes: while latency stays at its no-load level the
 * limit grows; when calls start queueing inside the dependency (latency rises with the calls in
 * flight) it shrinks, and a timeout halves the growth gained since. Never more calls run than the
 * current limit; one that finds the limit reached fails at once with
 * {@link dev.sturdy.exception.BulkheadFullException}. It sits where {@link Bulkhead} sits, and a
 * method cannot carry both.
 *
 * <p>On a type, applies to every public method; a method's own {@code @AdaptiveLimit} wins.
 *
 * @see Bulkhead
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AdaptiveLimit {

    /** The limit before any latency is observed. Default 20; at least 1, between {@link #min()} and {@link #max()}. */
    int initial() default 20;

    /** The smallest the limit becomes. Default 1; at least 1. */
    int min() default 1;

    /** The largest the limit becomes. Default 200; at least 1 and at least {@link #min()}. */
    int max() default 200;

    /**
     * Methods with the same name share one limit (and must declare the same attributes). Default
     * {@code ""}: the method has its own.
     */
    String name() default "";
}
