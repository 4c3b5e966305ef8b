package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * An application's own interceptor bound to Sturdy's {@code @Retry}, inside Sturdy's: it must see
 * every attempt, though the methods it applies to bind no interceptor annotation of their own.
 */
@Singleton
@InterceptorBean(Retry.class)
@Requires(property = "sturdy-test.retry-audit", value = "true")
public class RetryAuditInterceptor extends CountingInterceptor {
}
