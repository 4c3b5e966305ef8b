package dev.sturdy.runtime.fanout;

/**
 * Told about every fan-out chunk that ended.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
@FunctionalInterface
public interface FanoutListener {

    /** Tells nobody. */
    FanoutListener NONE = (method, nanos, failure) -> { };

    /**
     * @param method {@code SimpleClass#method}
     * @param nanos how long the chunk took
     * @param failure how it failed, or {@code null}
     */
    void chunkEnded(String method, long nanos, Throwable failure);
}
