/**
 * Fault injection: what to inject into one method ({@link dev.sturdy.runtime.chaos.ChaosPolicy}),
 * its switch, changed at run time ({@link dev.sturdy.runtime.chaos.ChaosSwitch}), and the
 * innermost strategy that injects it ({@link dev.sturdy.runtime.chaos.ChaosStrategy}).
 */
package dev.sturdy.runtime.chaos;
