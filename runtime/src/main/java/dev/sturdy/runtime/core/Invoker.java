package dev.sturdy.runtime.core;

/**
 * What strategies may do with an invocation, supplied by the adapter that owns its type. Thread-safe.
 *
 * @param <I> the invocation type
 * @see Sentinel
 */
public interface Invoker<I> {

    /**
     * Runs the rest of the call: the interceptors inside Sturdy's, then the method. Calls on one
     * invocation must not overlap; use {@link #detach} for work on another thread.
     *
     * @param invocation the call
     * @return the method's result
     * @throws Throwable the method's failure, unchanged
     */
    Object proceed(I invocation) throws Throwable;

    /**
     * @param invocation the call
     * @return a copy with its own arguments and state, to proceed on another thread while the
     * original may be proceeded again
     */
    I detach(I invocation);

    /**
     * @param invocation the call
     * @return its argument values; callers must not modify the array
     */
    Object[] arguments(I invocation);

    /**
     * Captures the caller's context (propagated context, logging MDC) on the current thread.
     *
     * @param task work to run later, possibly on another thread
     * @return the task, running inside the captured context
     */
    Runnable inCallerContext(Runnable task);
}
