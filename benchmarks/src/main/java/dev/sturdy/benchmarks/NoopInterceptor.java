package dev.sturdy.benchmarks;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import jakarta.inject.Singleton;

/** A Micronaut interceptor that only proceeds, at the same phase as Sturdy's. */
@Singleton
@InterceptorBean(Noop.class)
public class NoopInterceptor implements MethodInterceptor<Object, Object> {

    @Override
    public int getOrder() {
        return InterceptPhase.RETRY.getPosition();
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        return context.proceed();
    }
}
