/**
 * {@link dev.sturdy.annotation.Bulkhead}: the policy, the permits and queue shared by the methods
 * that use one bulkhead, and the strategy.
 */
package dev.sturdy.runtime.bulkhead;
