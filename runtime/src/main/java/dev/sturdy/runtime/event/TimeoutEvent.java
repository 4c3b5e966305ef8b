package dev.sturdy.runtime.event;

import java.time.Duration;

/**
 * A call ran out of time and was interrupted or cancelled.
 *
 * @param method {@code SimpleClass#method}
 * @param after the budget that ran out
 */
public record TimeoutEvent(String method, Duration after) implements SturdyEvent {
}
