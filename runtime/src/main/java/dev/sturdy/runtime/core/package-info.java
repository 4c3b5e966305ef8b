/**
 * The chain every protected call runs through: one {@link dev.sturdy.runtime.core.Strategy}
 * per policy, each wrapping its delegate, ending in the {@link dev.sturdy.runtime.core.Sentinel}
 * that proceeds to the method. Knows nothing of Micronaut.
 */
package dev.sturdy.runtime.core;
