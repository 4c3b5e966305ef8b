package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application's own interceptor bound to Sturdy's {@code @Retry}, inside Sturdy's: it must see
 * every attempt, though the methods it applies to bind no interceptor annotation of their own.
 */
@Singleton
@InterceptorBean(Retry.class)
@Requires(property = "sturdy-test.retry-audit", value = "true")
public class RetryAuditInterceptor implements MethodInterceptor<Object, Object> {

    final AtomicInteger entered = new AtomicInteger();

    @Override
    public int getOrder() {
        return InterceptPhase.TRANSACTION.getPosition();
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        entered.incrementAndGet();
        return context.proceed();
    }
}
