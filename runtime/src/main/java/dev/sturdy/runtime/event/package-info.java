/**
 * Micronaut application events Sturdy publishes: listen with
 * {@code ApplicationEventListener<CircuitStateChangedEvent>} (or any other of these, or
 * {@link dev.sturdy.runtime.event.SturdyEvent} for all). Events are published on the thread where
 * the thing happened: keep listeners quick, or make them {@code @Async}.
 */
package dev.sturdy.runtime.event;
