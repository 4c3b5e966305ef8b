package dev.sturdy.runtime.it;

import io.micronaut.aop.Around;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Binds {@link AttemptCountingInterceptor}, an interceptor that sits inside Sturdy's. */
@Around
@Retention(RetentionPolicy.RUNTIME)
public @interface CountedAttempt {
}
