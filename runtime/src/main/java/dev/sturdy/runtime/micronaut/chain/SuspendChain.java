package dev.sturdy.runtime.micronaut.chain;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Strategy;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.aop.kotlin.KotlinInterceptedMethod;
import io.micronaut.core.convert.ConversionService;
import kotlin.Unit;
import kotlinx.coroutines.CompletableJob;
import kotlinx.coroutines.Job;
import kotlinx.coroutines.JobKt;

import java.util.concurrent.CompletableFuture;

/**
 * The chain of a Kotlin {@code suspend} function: the policies run as for a {@code CompletionStage}
 * method, without blocking a thread, and the caller's coroutine resumes with the outcome.
 * Cancelling the caller's coroutine cancels the call: a pending retry, a queued bulkhead call, the
 * attempt in flight. Immutable and thread-safe.
 *
 * @param head the outermost strategy, over a {@link SuspendInvoker}
 * @param conversions what Micronaut converts results with
 */
public record SuspendChain(Strategy<MethodInvocationContext<Object, Object>> head, ConversionService conversions)
        implements MethodChain {

    @Override
    public Object run(MethodInvocationContext<Object, Object> context) {
        KotlinInterceptedMethod method = SuspendInvoker.kotlin(context, conversions);
        CompletableFuture<Object> work = head.callAsync(context);
        // a child of the caller's Job is cancelled as soon as the caller is: the caller's own Job only
        // completes once this call has, since Micronaut waits for the outcome without watching it
        CompletableJob call = JobKt.Job(method.getCoroutineContext().get(Job.Key));
        call.invokeOnCompletion(cause -> {
            if (cause != null) {
                work.cancel(true);
            }
            return Unit.INSTANCE;
        });
        work.whenComplete((value, failure) -> call.complete());
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        work.whenComplete((value, failure) -> Futures.complete(outcome, value, failure));
        return method.handleResult(outcome);
    }
}
