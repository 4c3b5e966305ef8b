/**
 * {@link dev.sturdy.annotation.RateLimit}: the policy, the token bucket shared by the methods that
 * use one limit, and the strategy.
 */
package dev.sturdy.runtime.ratelimit;
