package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Invoker;
import io.micronaut.aop.InterceptedMethod;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.aop.kotlin.KotlinInterceptedMethod;
import io.micronaut.core.convert.ConversionService;
import kotlin.coroutines.CoroutineContext;
import kotlinx.coroutines.CompletableJob;
import kotlinx.coroutines.Job;
import kotlinx.coroutines.JobKt;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Proceeds with a Kotlin {@code suspend} function through Micronaut's {@link KotlinInterceptedMethod}:
 * each attempt is a future of the function's result, and runs in a {@link Job} of its own, a child
 * of the caller's, so that cancelling the attempt (a timeout, the caller leaving) cancels the
 * coroutine's work, and cancelling the caller's coroutine cancels the attempt. Thread-safe.
 */
public final class SuspendInvoker extends ForwardingInvoker {

    private final MethodInterceptor<Object, Object> interceptor;
    private final ConversionService conversions;

    /**
     * @param delegate detaches and carries the call
     * @param interceptor Sturdy's interceptor: proceeding from it runs the interceptors inside it
     * @param conversions what Micronaut converts results with
     */
    public SuspendInvoker(Invoker<MethodInvocationContext<Object, Object>> delegate,
            MethodInterceptor<Object, Object> interceptor, ConversionService conversions) {
        super(delegate);
        this.interceptor = interceptor;
        this.conversions = conversions;
    }

    /**
     * @return the attempt: a {@link CompletableFuture} of the function's result, in a child {@link Job};
     * a failure thrown before the function suspends arrives as a failed future
     */
    @Override
    public Object proceed(MethodInvocationContext<Object, Object> invocation) {
        // Micronaut swaps the continuation argument while it proceeds and wraps it in each attempt's
        // context: every attempt must start from the caller's own, however the previous one ended
        Object[] arguments = invocation.getParameterValues();
        Object callersContinuation = arguments[arguments.length - 1];
        KotlinInterceptedMethod method = kotlin(invocation, conversions);
        CoroutineContext caller = method.getCoroutineContext();
        CompletableJob attemptJob = JobKt.Job(caller.get(Job.Key));
        method.updateCoroutineContext(caller.plus(attemptJob));
        CompletableFuture<Object> attempt;
        try {
            attempt = Futures.of(method.interceptResultAsCompletionStage(interceptor));
        } catch (Throwable thrownBeforeSuspending) {
            attempt = CompletableFuture.failedFuture(thrownBeforeSuspending);
        } finally {
            arguments[arguments.length - 1] = callersContinuation;
        }
        // the caller's coroutine waits for its children: the attempt's Job ends however the attempt does
        Futures.whenCancelled(attempt, () -> attemptJob.cancel((CancellationException) null));
        attempt.whenComplete((value, failure) -> attemptJob.complete());
        return attempt;
    }

    /** @return the call as Micronaut's view of a suspend function */
    static KotlinInterceptedMethod kotlin(MethodInvocationContext<Object, Object> invocation, ConversionService conversions) {
        return (KotlinInterceptedMethod) InterceptedMethod.of(invocation, conversions);
    }
}
