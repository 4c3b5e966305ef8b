package dev.sturdy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Answers a failed call with another method of the same class. The fallback method takes the same
 * parameters as the annotated one, optionally followed by one {@code Throwable} parameter that
 * receives the failure (the original one, never a {@code CompletionException} wrapper), and its
 * return type is assignable to the annotated method's. A failure of the fallback propagates.
 * {@code @Fallback} is the outermost policy: it covers retries, fan-out and every other policy.
 *
 * @see Retry
 * @see CircuitBreaker
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Fallback {

    /** Name of the fallback method, declared in the same class. Required. */
    String method();

    /** Failures that are answered by the fallback (subclasses included). Default {@code {Throwable.class}}. */
    Class<? extends Throwable>[] applyOn() default {Throwable.class};

    /**
     * Failures that are never answered by the fallback (subclasses included); wins over
     * {@link #applyOn()}. Default {@code {}}.
     */
    Class<? extends Throwable>[] skipOn() default {};
}
