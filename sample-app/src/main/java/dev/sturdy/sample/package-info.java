/**
 * A quote service that stays up while its upstream misbehaves: {@code @Retry}, {@code @Timeout}
 * and {@code @Fallback} in front of a deliberately flaky source.
 */
package dev.sturdy.sample;
