/**
 * {@code sturdy-redis}: named policies shared by every instance of an application through Redis,
 * with Micronaut Redis's Lettuce client. {@code sturdy.rate-limits.<name>.store: redis} makes a rate
 * limit one bucket for all instances, judged in one atomic script by the Redis server's clock.
 */
package dev.sturdy.redis;
