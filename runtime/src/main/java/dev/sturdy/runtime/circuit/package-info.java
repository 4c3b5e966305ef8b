/**
 * {@link dev.sturdy.annotation.CircuitBreaker}: the policy, the breaker's state machine, and the
 * strategy that consults it.
 */
package dev.sturdy.runtime.circuit;
