package dev.sturdy.runtime.it;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls that reach it: it runs after Sturdy's interceptor, like a transaction would. */
@Singleton
@InterceptorBean(CountedAttempt.class)
public class AttemptCountingInterceptor implements MethodInterceptor<Object, Object> {

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
