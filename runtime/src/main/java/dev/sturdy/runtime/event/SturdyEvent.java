package dev.sturdy.runtime.event;

/**
 * Something one of Sturdy's policies did that operators care about.
 *
 * @see CircuitStateChangedEvent
 * @see RetryEvent
 * @see TimeoutEvent
 * @see BulkheadRejectedEvent
 * @see RateLimitedEvent
 * @see FallbackEvent
 * @see HedgeEvent
 * @see ChaosEvent
 */
public sealed interface SturdyEvent permits CircuitStateChangedEvent, RetryEvent, TimeoutEvent, BulkheadRejectedEvent,
        RateLimitedEvent, FallbackEvent, HedgeEvent, ChaosEvent {
}
