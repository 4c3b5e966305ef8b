/**
 * Where Sturdy's strategies get time from: {@link dev.sturdy.runtime.time.SturdyClock}, with a
 * real implementation and a {@link dev.sturdy.runtime.time.ManualClock} that tests advance by hand.
 */
package dev.sturdy.runtime.time;
