/**
 * The soak: Sturdy under random failures, delays, interrupts, cancellations and context closes, for
 * as long as it is asked to run; see {@link dev.sturdy.benchmarks.soak.SoakHarness}.
 */
package dev.sturdy.benchmarks.soak;
