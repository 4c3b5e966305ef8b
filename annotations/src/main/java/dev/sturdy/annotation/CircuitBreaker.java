package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stops calling a dependency that keeps failing. CLOSED: calls pass and the last
 * {@link #window()} outcomes are recorded; once the window is full and failures/window reaches
 * {@link #failureRatio()}, the breaker opens. OPEN: calls fail with
 * {@link dev.sturdy.exception.CircuitOpenException} without reaching the method. After
 * {@link #delay()}, up to {@link #successThreshold()} trial calls are let through (HALF_OPEN):
 * if all succeed the breaker closes with an empty window, one failure re-opens it.
 *
 * <p>On a type, applies to every public method; a method's own {@code @CircuitBreaker} wins.
 *
 * @see Retry
 * @see Fallback
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CircuitBreaker {

    /**
     * Number of most recent calls the failure ratio is computed over. Default 20; at least 1 and at
     * most 100,000 ({@link dev.sturdy.annotation.rules.AttributeRule#LARGEST_WINDOW}): the breaker
     * keeps one slot per call of its window.
     */
    int window() default 20;

    /** Share of failures in a full window that opens the breaker. Default 0.5; in {@code (0, 1]}. */
    double failureRatio() default 0.5;

    /** Time the breaker stays OPEN before letting trial calls through, as a duration. Default {@code "5s"}; at least 0. */
    String delay() default "5s";

    /** Trial calls in HALF_OPEN; all must succeed to close the breaker. Default 1; at least 1. */
    int successThreshold() default 1;

    /**
     * A call that succeeds but takes longer than this counts as a failure in the window (and a slow
     * trial call reopens the breaker), as a duration: a dependency that answers, but too late to be
     * of use, opens the breaker like one that fails. Default {@code ""}, off: calls are not timed.
     */
    String slowCall() default "";

    /** Failures that count as failures (subclasses included). Default {@code {Throwable.class}}. */
    Class<? extends Throwable>[] failOn() default {Throwable.class};

    /**
     * Failures that count as successes (subclasses included); wins over {@link #failOn()}.
     * Default {@code {}}.
     */
    Class<? extends Throwable>[] skipOn() default {};

    /**
     * Name of a breaker shared by every method that uses the same name. Default {@code ""}: one
     * breaker per method.
     */
    String name() default "";
}
