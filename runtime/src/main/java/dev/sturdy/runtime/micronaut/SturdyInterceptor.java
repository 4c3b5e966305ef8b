package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.micronaut.declaration.ChainFactory;
import dev.sturdy.runtime.micronaut.chain.MethodChain;

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
 * chain among those built at start-up (by bean type and method, compared by equality), once, and
 * caches it by identity, where every later call finds it. A method not known at start-up (a call
 * from another bean's start-up, say) gets its chain built on its first call. Beans created again
 * and again (prototypes, request scope) bring new method instances each time: past a bound, those
 * are looked up by equality on every call rather than cached, so the cache cannot grow forever.
 *
 * @see ChainFactory
 */
@Internal
@Singleton
@InterceptorBean(SturdyBinding.class)
public final class SturdyInterceptor implements MethodInterceptor<Object, Object> {

    private final ChainFactory factory;
    private final IdentityTable<ExecutableMethod<?, ?>, MethodChain> byIdentity = new IdentityTable<>();
    private volatile Map<ChainKey, MethodChain> builtAtStartup = Map.of();
    private volatile int identityLimit = 1024;

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
            chain = firstCall(context);
        }
        return chain.run(context);
    }

    /**
     * @param chains every protected method's chain, by bean type and method
     */
    void install(Map<ChainKey, MethodChain> chains) {
        builtAtStartup = chains;
        identityLimit = Math.max(1024, 4 * chains.size());
    }

    /** @return how many methods' calls find their chain by identity */
    int cachedChains() {
        return byIdentity.size();
    }

    private MethodChain firstCall(MethodInvocationContext<Object, Object> context) {
        ExecutableMethod<Object, Object> method = context.getExecutableMethod();
        MethodChain chain = builtAtStartup.get(new ChainKey(context.getTarget().getClass(), method));
        if (chain == null) {
            chain = factory.build(method, this);
        }
        if (byIdentity.size() < identityLimit) {
            byIdentity.putIfAbsent(method, chain);
        }
        return chain;
    }

    /**
     * A method of one bean type: methods that one class inherits are equal in every subclass, but
     * each subclass may protect them differently.
     *
     * @param beanType the proxy's class
     * @param method the method, compared by equality
     */
    record ChainKey(Class<?> beanType, ExecutableMethod<?, ?> method) {
    }
}
