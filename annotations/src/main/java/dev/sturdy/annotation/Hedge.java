package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cuts a slow tail of latency for idempotent calls: when the first attempt has not completed
 * after {@link #delay()}, another starts alongside it, up to {@link #maxHedges()} extra attempts,
 * one every {@code delay}. The first success is the call's result and every other attempt is
 * cancelled (a synchronous one interrupted, an asynchronous one's future cancelled, a reactive one
 * disposed), so its permits go back. A failure ends only its own attempt: the call fails when
 * every attempt started has failed, with the last failure thrown and the others suppressed on it.
 *
 * <p>The first attempt of a synchronous method runs on the caller's thread, the hedges on Sturdy's
 * workers. Each attempt passes {@code @CircuitBreaker}, {@code @RateLimit}, {@code @Timeout} and
 * {@code @Bulkhead} on its own; {@code @Retry} sees the hedged call as one attempt. Only for
 * methods that may safely run more than once at a time: every hedge is a real extra call to the
 * dependency, which {@link #budget()} bounds.
 *
 * <p>Applies to synchronous, {@code CompletionStage} and single-valued reactive methods (a
 * multi-valued publisher, whose elements two attempts would both emit, and a Kotlin
 * {@code suspend} function are refused). On a type, applies to every public method; a method's own
 * {@code @Hedge} wins.
 *
 * @see Retry#budget()
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Hedge {

    /** How long an attempt may run before the next one starts, as a duration. Default {@code "100ms"}; at least 0. */
    String delay() default "100ms";

    /** Extra attempts at most, beyond the first. Default 1; at least 1. */
    int maxHedges() default 1;

    /**
     * A retry budget (configured under {@code sturdy.retry-budgets.<name>}) that every hedge spends
     * like a retry, and first attempts fund: when it is spent, no hedge starts. Default
     * {@code ""}: hedges are bounded only by {@link #maxHedges()}.
     */
    String budget() default "";
}
