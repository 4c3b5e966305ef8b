package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fans a call out over its items and merges the results. The method takes exactly one
 * {@code List}, {@code Set} or {@code Collection} parameter and its body is written for one
 * chunk of it: the runtime splits the items into chunks of {@link #batchSize()}, starts them in
 * input order, runs at most {@link #parallelism()} chunks at once and merges the results in input
 * order ({@code List}/{@code Collection} concatenated, {@code Map} merged, {@code void}, or a
 * {@code CompletionStage} of one of these). Other parameters are passed unchanged to every chunk,
 * and every policy inside {@code @Fanout} (retry, circuit breaker, rate limit, timeout, bulkhead)
 * applies to each chunk on its own.
 *
 * @see FanoutErrors
 * @see dev.sturdy.exception.FanoutException
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Fanout {

    /** Chunks in flight at once. Default 8; at least 1. */
    int parallelism() default 8;

    /** Items per chunk. Default 1; at least 1. */
    int batchSize() default 1;

    /** What a failing chunk does to the others. Default {@link FanoutErrors#FAIL_FAST}. */
    FanoutErrors errors() default FanoutErrors.FAIL_FAST;
}
