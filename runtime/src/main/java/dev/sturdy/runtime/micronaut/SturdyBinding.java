package dev.sturdy.runtime.micronaut;

import io.micronaut.core.annotation.Internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The interceptor binding that {@code sturdy-processor} adds to every Sturdy annotation, so that
 * any number of them lead to one {@link SturdyInterceptor} per call. Not for use in code.
 */
@Internal
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface SturdyBinding {
}
