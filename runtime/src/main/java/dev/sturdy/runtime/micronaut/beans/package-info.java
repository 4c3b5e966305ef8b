/**
 * The beans the strategies share: Sturdy's threads, clock and watchdog, the registry of work in
 * flight, and the circuit breakers, bulkheads and rate limiters shared by name.
 */
@Internal
package dev.sturdy.runtime.micronaut.beans;

import io.micronaut.core.annotation.Internal;
