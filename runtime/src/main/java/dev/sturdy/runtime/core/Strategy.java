package dev.sturdy.runtime.core;

import java.util.concurrent.CompletableFuture;

/**
 * One policy applied to one call, wrapping the strategy inside it. Built once per method and
 * shared by every call to it, so implementations are thread-safe and keep per-call state on the
 * stack (sync) or in a per-call object (async).
 *
 * <p>There are two entry points because the synchronous success path must not allocate: adapting
 * sync calls to futures would cost an object per strategy per call. Decisions (whether to retry,
 * how long to wait, what counts as a failure) live in the policy records and are shared by both.
 *
 * @param <I> the invocation, opaque to strategies; only the {@link Invoker} looks into it
 * @see Sentinel
 * @see Invoker
 */
public interface Strategy<I> {

    /**
     * Runs a synchronous call on the caller's thread.
     *
     * @param invocation the call
     * @return the method's result
     * @throws Throwable the method's failure, unchanged, or a Sturdy exception
     */
    Object call(I invocation) throws Throwable;

    /**
     * Starts an asynchronous call without blocking the caller. Failures, including ones thrown
     * while starting, arrive through the returned future; cancelling it cancels the work in
     * flight and anything pending.
     *
     * @param invocation the call
     * @return the result; never {@code null}
     */
    CompletableFuture<Object> callAsync(I invocation);
}
