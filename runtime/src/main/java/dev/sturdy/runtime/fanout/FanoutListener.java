package dev.sturdy.runtime.fanout;

/**
 * Told about every fan-out call as it starts and ends, and about every chunk that ended.
 * Called on the thread where it happens: implementations are quick, thread-safe, and never throw.
 */
public interface FanoutListener {

    /** Tells nobody. */
    FanoutListener NONE = new FanoutListener() { };

    /**
     * @param progress the call's progress, updated until {@link #fanoutEnded} is told about it
     */
    default void fanoutStarted(FanoutProgress progress) {
    }

    /**
     * Told once per call, when its result is decided.
     *
     * @param progress the call's progress (chunks cancelled as the call stopped may still end afterwards)
     * @param failure how the call failed ({@code CancellationException} when it was cancelled), or {@code null}
     */
    default void fanoutEnded(FanoutProgress progress, Throwable failure) {
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param nanos how long the chunk took
     * @param failure how it failed, or {@code null}
     */
    default void chunkEnded(String method, long nanos, Throwable failure) {
    }
}
