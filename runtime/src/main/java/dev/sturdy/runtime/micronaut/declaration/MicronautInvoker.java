package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.core.Invoker;
import io.micronaut.aop.Interceptor;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.aop.chain.InterceptorChain;
import io.micronaut.aop.chain.MethodInterceptorChain;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.PropagatedContext;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.UnaryOperator;

/**
 * Lets strategies proceed with, detach and carry a Micronaut method invocation. Thread-safe.
 *
 * <p>Detaching copies the invocation into a fresh {@link MethodInterceptorChain} with the same
 * interceptors, target and a copy of the arguments: a chain keeps its position and arguments in
 * unsynchronised fields, so work on another thread (a timed-out attempt that is still running, a
 * fan-out chunk) must never share the caller's. Micronaut offers no public way to read a chain's
 * interceptors, so they are read from its field once per detach.
 */
final class MicronautInvoker implements Invoker<MethodInvocationContext<Object, Object>> {

    private static final VarHandle INTERCEPTORS = interceptorsField();

    private final MethodInterceptor<Object, Object> interceptor;

    /**
     * @param interceptor Sturdy's interceptor: proceeding from it runs the interceptors inside it
     */
    MicronautInvoker(MethodInterceptor<Object, Object> interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public Object proceed(MethodInvocationContext<Object, Object> invocation) {
        return invocation.proceed(interceptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public MethodInvocationContext<Object, Object> detach(MethodInvocationContext<Object, Object> invocation, Object[] arguments) {
        if (!(invocation instanceof InterceptorChain<?, ?> chain)) {
            throw new IllegalStateException("Sturdy cannot detach " + invocation.getClass().getName()
                    + ": expected Micronaut's MethodInterceptorChain");
        }
        Interceptor<Object, Object>[] interceptors = (Interceptor<Object, Object>[]) INTERCEPTORS.get(chain);
        return new MethodInterceptorChain<>(interceptors, invocation.getTarget(), invocation.getExecutableMethod(), arguments);
    }

    @Override
    public Object[] arguments(MethodInvocationContext<Object, Object> invocation) {
        return invocation.getParameterValues();
    }

    @Override
    public UnaryOperator<Runnable> captureContext() {
        return PropagatedContext.getOrEmpty().plus(new MdcPropagationContext())::wrap;
    }

    private static VarHandle interceptorsField() {
        try {
            return MethodHandles.privateLookupIn(InterceptorChain.class, MethodHandles.lookup())
                    .findVarHandle(InterceptorChain.class, "interceptors", Interceptor[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new IllegalStateException(
                    "Sturdy cannot read the interceptors of Micronaut's InterceptorChain (is micronaut-aop 4.10.x on the class path?)", e));
        }
    }
}
