package dev.sturdy.runtime.core;

/**
 * Told how every call ended and how long it took, by {@link ObservedStrategy}.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
@FunctionalInterface
public interface CallListener {

    /** Tells nobody. */
    CallListener NONE = (method, nanos, failure) -> { };

    /**
     * @param method {@code SimpleClass#method}
     * @param nanos how long the call took, from the caller's point of view
     * @param failure how it failed, or {@code null}
     */
    void callEnded(String method, long nanos, Throwable failure);
}
