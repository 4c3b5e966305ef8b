package dev.sturdy.runtime.event;

import java.time.Duration;

/**
 * An attempt failed and another will follow.
 *
 * @param method {@code SimpleClass#method}
 * @param attempt the attempt that failed, from 1
 * @param failure its failure
 * @param delay the wait before the next attempt
 */
public record RetryEvent(String method, int attempt, Throwable failure, Duration delay) implements SturdyEvent {
}
