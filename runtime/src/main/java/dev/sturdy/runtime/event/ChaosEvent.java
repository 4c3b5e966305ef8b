package dev.sturdy.runtime.event;

import java.time.Duration;

/**
 * Fault injection acted on a call: it failed the call, or delayed it.
 *
 * @param method {@code SimpleClass#method}
 * @param fault the exception injected, or {@code null} for latency
 * @param latency the wait injected, or {@code null} for a fault
 */
public record ChaosEvent(String method, Exception fault, Duration latency) implements SturdyEvent {

    /** @return whether this is an injected fault, rather than injected latency */
    public boolean isFault() {
        return fault != null;
    }
}
