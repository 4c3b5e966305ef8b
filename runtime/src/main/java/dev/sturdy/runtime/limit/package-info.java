/**
 * {@link dev.sturdy.annotation.AdaptiveLimit}: the policy, the latency-driven limit shared by the
 * methods that use one, and the strategy.
 */
package dev.sturdy.runtime.limit;
