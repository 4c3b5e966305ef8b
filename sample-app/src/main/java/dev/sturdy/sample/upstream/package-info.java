/**
 * A stand-in for a remote pricing API, as a small Micronaut server of its own (environment
 * {@code upstream}) whose failure rate and latency can be turned up and down while it runs. A
 * service started from this sample deletes this package and points {@code PriceClient} at its
 * real dependency.
 */
package dev.sturdy.sample.upstream;
