package dev.sturdy.runtime.core;

import java.util.function.UnaryOperator;

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
     * @return whether the call may be run again after a failure: not once a stream has passed
     * elements on, so that no subscriber sees an element twice
     */
    default boolean mayRepeat(I invocation) {
        return true;
    }

    /**
     * @param invocation the call
     * @param arguments the copy's arguments: a copy of the call's, or other values (a fan-out chunk)
     * @return a copy with its own arguments and state, to proceed on another thread while the
     * original may be proceeded again
     */
    I detach(I invocation, Object[] arguments);

    /**
     * @param invocation the call
     * @return its argument values; callers must not modify the array
     */
    Object[] arguments(I invocation);

    /**
     * Captures the caller's context (propagated context, logging MDC) on the current thread.
     *
     * @return wraps tasks to run later, possibly on other threads, inside the captured context
     */
    UnaryOperator<Runnable> captureContext();
}
