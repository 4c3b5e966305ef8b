/**
 * {@link dev.sturdy.annotation.Retry}: the policy, and the strategy that applies it to sync and
 * async calls.
 */
package dev.sturdy.runtime.retry;
