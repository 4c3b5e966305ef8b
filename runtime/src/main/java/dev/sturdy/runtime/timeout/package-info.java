/**
 * {@link dev.sturdy.annotation.Timeout}: the policy, the strategy, and the deadline that follows
 * the work so that nested timeouts never outlive the outer budget.
 */
package dev.sturdy.runtime.timeout;
