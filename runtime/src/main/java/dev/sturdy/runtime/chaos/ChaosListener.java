package dev.sturdy.runtime.chaos;

import java.time.Duration;

/**
 * Told about every fault and every latency injected. Called on the thread where it happens:
 * implementations are quick, thread-safe, and never throw.
 */
public interface ChaosListener {

    /** Tells nobody. */
    ChaosListener NONE = new ChaosListener() { };

    /**
     * @param method {@code SimpleClass#method}
     * @param fault the exception the call fails with
     */
    default void faultInjected(String method, Exception fault) {
    }

    /**
     * @param method {@code SimpleClass#method}
     * @param latency the wait added before the method runs
     */
    default void latencyInjected(String method, Duration latency) {
    }
}
