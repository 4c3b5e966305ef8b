package dev.sturdy.runtime.micronaut.chain;

import kotlin.Result;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** Calls a Kotlin {@code suspend} function from Java: a fallback that is itself {@code suspend}. */
public final class SuspendCalls {

    private SuspendCalls() {
    }

    /**
     * @param function the function as compiled: its last parameter is a {@link Continuation}
     * @param target what it is called on
     * @param arguments its arguments, without the continuation
     * @param caller the caller's continuation, whose coroutine context the function runs in
     * @return the function's value, or its failure, when it returns or resumes
     */
    public static CompletableFuture<Object> call(Method function, Object target, Object[] arguments, Object caller) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        CoroutineContext context = ((Continuation<?>) caller).getContext();
        Continuation<Object> continuation = new Continuation<>() {
            @Override
            public CoroutineContext getContext() {
                return context;
            }

            @Override
            public void resumeWith(Object outcome) {
                if (outcome instanceof Result.Failure failure) {
                    result.completeExceptionally(failure.exception);
                } else {
                    result.complete(outcome);
                }
            }
        };
        Object[] withContinuation = Arrays.copyOf(arguments, arguments.length + 1);
        withContinuation[arguments.length] = continuation;
        try {
            Object returned = function.invoke(target, withContinuation);
            if (returned != IntrinsicsKt.getCOROUTINE_SUSPENDED()) {
                result.complete(returned);
            }
        } catch (InvocationTargetException failed) {
            result.completeExceptionally(failed.getCause());
        } catch (IllegalAccessException unreachable) {
            result.completeExceptionally(unreachable);
        }
        return result;
    }
}
