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

import java.util.Map;

/**
 * Runs every call to a method carrying Sturdy annotations through that method's chain, built
 * once, at start-up, by {@link StartupCheck}. Sits at Micronaut's retry phase, so the interceptors
 * inside it (a transaction, say) apply to each attempt. Per call it does one identity lookup: no
 * annotation, duration, configuration or bean is read. Thread-safe.
 *
 * <p>Calls arrive with the {@link ExecutableMethod} of their proxy, an instance of its own, whose
 * {@code hashCode()} boxes and hashes the argument types: so a method's first call finds its
 * chain among those built at start-up by equality, once, and caches it by identity, where every
 * later call finds it. A method not known at start-up (a call from another bean's start-up, say)
 * gets its chain built on its first call.
 *
 * @see ChainFactory
 */
@Internal
@Singleton
@InterceptorBean(SturdyBinding.class)
public final class SturdyInterceptor implements MethodInterceptor<Object, Object> {

    private final ChainFactory factory;
    private final IdentityTable<ExecutableMethod<?, ?>, MethodChain> byIdentity = new IdentityTable<>();
    private volatile Map<ExecutableMethod<?, ?>, MethodChain> builtAtStartup = Map.of();

    SturdyInterceptor(ChainFactory factory) {
        this.factory = factory;
    }

    @Override
    public int getOrder() {
        return InterceptPhase.RETRY.getPosition();
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        MethodChain chain = byIdentity.get(context.getExecutableMethod());
        if (chain == null) {
            chain = firstCall(context.getExecutableMethod());
        }
        return chain.run(context);
    }

    /**
     * @param chains every protected method's chain, by method (compared by equality)
     */
    void install(Map<ExecutableMethod<?, ?>, MethodChain> chains) {
        builtAtStartup = chains;
    }

    /** @return how many methods' calls find their chain by identity */
    int cachedChains() {
        return byIdentity.size();
    }

    private MethodChain firstCall(ExecutableMethod<Object, Object> method) {
        MethodChain chain = builtAtStartup.get(method);
        if (chain == null) {
            chain = factory.build(method, this);
        }
        byIdentity.putIfAbsent(method, chain);
        return byIdentity.get(method);
    }
}
