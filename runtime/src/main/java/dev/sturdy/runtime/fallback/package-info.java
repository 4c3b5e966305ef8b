/**
 * {@link dev.sturdy.annotation.Fallback}: the policy and the strategy that answers a failed call
 * with another method.
 */
package dev.sturdy.runtime.fallback;
