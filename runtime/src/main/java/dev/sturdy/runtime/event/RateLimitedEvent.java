package dev.sturdy.runtime.event;

/**
 * A rate limit turned a call away.
 *
 * @param rateLimit its name, or {@code SimpleClass#method}
 */
public record RateLimitedEvent(String rateLimit) implements SturdyEvent {
}
