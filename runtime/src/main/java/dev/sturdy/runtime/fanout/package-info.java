/**
 * {@link dev.sturdy.annotation.Fanout}: the policy, the shape of a method's items and results,
 * and the strategy that runs one call as bounded, ordered, cancellable chunks.
 */
package dev.sturdy.runtime.fanout;
