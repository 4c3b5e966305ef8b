package dev.sturdy.runtime.it;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;

import java.util.concurrent.atomic.AtomicInteger;

/** An interceptor that counts the calls reaching it: it runs inside Sturdy's, like a transaction would. */
abstract class CountingInterceptor implements MethodInterceptor<Object, Object> {

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
