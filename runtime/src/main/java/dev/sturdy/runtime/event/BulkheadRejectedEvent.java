package dev.sturdy.runtime.event;

/**
 * A bulkhead turned a call away.
 *
 * @param bulkhead its name, or {@code SimpleClass#method}
 */
public record BulkheadRejectedEvent(String bulkhead) implements SturdyEvent {
}
