package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.time.ManualClock;
import dev.sturdy.runtime.time.SturdyClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * With {@code sturdy.clock: manual} (in a test's properties), Sturdy runs on a {@link ManualClock}:
 * sync retries and waits take no wall time, and async retries, timeouts and delays happen when
 * the test advances the clock. Inject the {@code ManualClock} to drive it.
 */
@Factory
@Requires(property = "sturdy.clock", value = "manual")
final class TestClock {

    @Singleton
    @Replaces(SturdyClock.class)
    ManualClock manualClock() {
        return new ManualClock();
    }
}
