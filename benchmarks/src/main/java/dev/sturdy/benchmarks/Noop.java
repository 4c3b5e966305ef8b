package dev.sturdy.benchmarks;

import io.micronaut.aop.Around;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Binds {@link NoopInterceptor}: the floor every interceptor-based library pays. */
@Around
@Retention(RetentionPolicy.RUNTIME)
public @interface Noop {
}
