package dev.sturdy.runtime.event;

/**
 * A fallback answered a failed call.
 *
 * @param method {@code SimpleClass#method}
 * @param failure what it answered
 */
public record FallbackEvent(String method, Throwable failure) implements SturdyEvent {
}
