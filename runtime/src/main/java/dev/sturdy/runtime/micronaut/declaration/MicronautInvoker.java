package dev.sturdy.runtime.micronaut.declaration;

import dev.sturdy.runtime.core.Invoker;
import io.micronaut.aop.Interceptor;
import io.micronaut.aop.InterceptorBinding;
import io.micronaut.aop.InterceptorKind;
import io.micronaut.aop.InterceptorRegistry;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.aop.chain.MethodInterceptorChain;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Lets strategies proceed with, detach and carry a Micronaut method invocation. Thread-safe.
 *
 * <p>Detaching copies the invocation into a fresh {@link MethodInterceptorChain} with the method's
 * interceptors, target and a copy of the arguments: a chain keeps its position and arguments in
 * unsynchronised fields, so work on another thread (a timed-out attempt that is still running, a
 * fan-out chunk) must never share the caller's. Micronaut offers no public way to read a chain's
 * interceptors, so they are resolved again, once per method, the way a proxy resolves them: the
 * interceptor beans bound to the method, selected and ordered by Micronaut's
 * {@link InterceptorRegistry}. Proceeding from Sturdy's interceptor then runs those inside it.
 */
final class MicronautInvoker implements Invoker<MethodInvocationContext<Object, Object>> {

    private final MethodInterceptor<Object, Object> interceptor;
    private final BeanContext beanContext;
    private final boolean onlyInterceptor;
    private volatile Interceptor<Object, Object>[] interceptors;

    /**
     * @param interceptor Sturdy's interceptor: proceeding from it runs the interceptors inside it
     * @param beanContext where the method's interceptors are resolved, on the first detach
     * @param onlyInterceptor whether Sturdy's is the only interceptor around the method (see {@link OnlyInterceptor})
     */
    MicronautInvoker(MethodInterceptor<Object, Object> interceptor, BeanContext beanContext, boolean onlyInterceptor) {
        this.interceptor = interceptor;
        this.beanContext = beanContext;
        this.onlyInterceptor = onlyInterceptor;
    }

    /**
     * Proceeds to the interceptors inside Sturdy's; with none, calls the method itself, as the chain
     * would at its end, without walking the chain again.
     */
    @Override
    public Object proceed(MethodInvocationContext<Object, Object> invocation) {
        return onlyInterceptor
                ? invocation.getExecutableMethod().invoke(invocation.getTarget(), invocation.getParameterValues())
                : invocation.proceed(interceptor);
    }

    @Override
    public MethodInvocationContext<Object, Object> detach(MethodInvocationContext<Object, Object> invocation,
            Object[] arguments) {
        Interceptor<Object, Object>[] chain = interceptors;
        if (chain == null) {
            chain = resolve(invocation);
            interceptors = chain;
        }
        return new MethodInterceptorChain<>(chain, invocation.getTarget(), invocation.getExecutableMethod(), arguments);
    }

    @Override
    public Object[] arguments(MethodInvocationContext<Object, Object> invocation) {
        return invocation.getParameterValues();
    }

    /**
     * Reads the caller's propagated context and logging MDC now, and puts them together only when
     * a task is wrapped: many captures (a hedge's, for one) are never used.
     */
    @Override
    public UnaryOperator<Runnable> captureContext() {
        PropagatedContext context = PropagatedContext.getOrEmpty();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return task -> context.plus(new MdcPropagationContext(mdc)).wrap(task);
    }

    /** The interceptors of the method, in the order its proxy runs them (around, then introduction). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Interceptor<Object, Object>[] resolve(MethodInvocationContext<Object, Object> invocation) {
        ExecutableMethod<Object, Object> method = invocation.getExecutableMethod();
        InterceptorRegistry registry = beanContext.getBean(InterceptorRegistry.class);
        // the method's bindings, as a proxy's constructor receives them; Qualifiers.byInterceptorBinding(metadata)
        // would not do: Micronaut 4.10 reads only @InterceptorBindingQualifier there, which a method does not carry
        Collection<AnnotationValue<?>> bindings = (Collection) method.getAnnotationMetadata()
                .getAnnotationValuesByType(InterceptorBinding.class);
        Collection<BeanRegistration<Interceptor<Object, ?>>> candidates = (Collection) beanContext.getBeanRegistrations(
                Interceptor.ARGUMENT, Qualifiers.byInterceptorBindingValues(bindings));
        List<Interceptor<Object, ?>> chain = new ArrayList<>(Arrays.asList(registry.resolveInterceptors(method, candidates,
                InterceptorKind.AROUND)));
        if (invocation.getKind() == InterceptorKind.INTRODUCTION) {
            chain.addAll(Arrays.asList(registry.resolveInterceptors(method, candidates, InterceptorKind.INTRODUCTION)));
        }
        if (!chain.contains(interceptor)) {
            throw new IllegalStateException("Sturdy cannot detach a call to " + method
                    + ": its interceptor is not among those Micronaut resolves for it "
                    + chain);
        }
        return chain.toArray(new Interceptor[0]);
    }
}
