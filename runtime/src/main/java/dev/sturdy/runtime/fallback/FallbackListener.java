package dev.sturdy.runtime.fallback;

/**
 * Told about every failure a fallback answered.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
@FunctionalInterface
public interface FallbackListener {

    /** Tells nobody. */
    FallbackListener NONE = (method, failure) -> { };

    /**
     * @param method {@code SimpleClass#method}
     * @param failure what the fallback answered
     */
    void fallbackUsed(String method, Throwable failure);
}
