package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.micronaut.declaration.ChainFactory;
import dev.sturdy.runtime.micronaut.declaration.MethodChain;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.annotation.Internal;
import io.micronaut.inject.ExecutableMethod;
import jakarta.inject.Singleton;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Runs every call to a method carrying Sturdy annotations through that method's chain, built once
 * on the method's first call and cached. Sits at Micronaut's retry phase, so the interceptors
 * inside it (a transaction, say) apply to each attempt. Per call it does one identity lookup: no
 * annotation, duration, configuration or bean is read. Thread-safe.
 *
 * <p>The cache is keyed by the identity of Micronaut's {@link ExecutableMethod}, which is one
 * instance per method and bean definition: its {@code hashCode()} boxes and hashes the argument
 * types on every call. It is copied on write, since writes happen once per method.
 *
 * @see ChainFactory
 */
@Internal
@Singleton
@InterceptorBean(SturdyBinding.class)
public final class SturdyInterceptor implements MethodInterceptor<Object, Object> {

    private final ChainFactory factory;
    private volatile Map<ExecutableMethod<?, ?>, MethodChain> chains = new IdentityHashMap<>();

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
            chain = chainFor(context);
        }
        return chain.run(context);
    }

    private synchronized MethodChain chainFor(MethodInvocationContext<Object, Object> context) {
        MethodChain chain = chains.get(context.getExecutableMethod());
        if (chain == null) {
            chain = factory.build(context.getExecutableMethod(), this);
            Map<ExecutableMethod<?, ?>, MethodChain> withChain = new IdentityHashMap<>(chains);
            withChain.put(context.getExecutableMethod(), chain);
            chains = withChain;
        }
        return chain;
    }
}
