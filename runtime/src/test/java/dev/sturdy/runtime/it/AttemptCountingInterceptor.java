package dev.sturdy.runtime.it;

import io.micronaut.aop.InterceptorBean;
import jakarta.inject.Singleton;

/** Counts the calls that reach it, bound by {@link CountedAttempt}. */
@Singleton
@InterceptorBean(CountedAttempt.class)
public class AttemptCountingInterceptor extends CountingInterceptor {
}
