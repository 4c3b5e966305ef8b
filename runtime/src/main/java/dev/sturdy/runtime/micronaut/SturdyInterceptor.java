package dev.sturdy.runtime.micronaut;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.annotation.Internal;
import io.micronaut.inject.ExecutableMethod;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every call to a method carrying Sturdy annotations through that method's chain, built once
 * on the method's first call and cached. Sits at Micronaut's retry phase, so the interceptors
 * inside it (a transaction, say) apply to each attempt. Per call it does one map lookup: no
 * annotation, duration, configuration or bean is read. Thread-safe.
 *
 * @see ChainFactory
 */
@Internal
@Singleton
@InterceptorBean(SturdyBinding.class)
public final class SturdyInterceptor implements MethodInterceptor<Object, Object> {

    private final ChainFactory factory;
    private final Map<ExecutableMethod<?, ?>, MethodChain> chains = new ConcurrentHashMap<>();

    SturdyInterceptor(ChainFactory factory) {
        this.factory = factory;
    }

    @Override
    public int getOrder() {
        return InterceptPhase.RETRY.getPosition();
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        MethodChain chain = chains.get(context.getExecutableMethod());
        if (chain == null) {
            chain = chains.computeIfAbsent(context.getExecutableMethod(), method -> factory.build(context, this));
        }
        return chain.run(context);
    }
}
