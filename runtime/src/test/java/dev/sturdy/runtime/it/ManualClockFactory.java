package dev.sturdy.runtime.it;

import dev.sturdy.runtime.time.ManualClock;
import dev.sturdy.runtime.time.SturdyClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Replaces Sturdy's clock with a manual one in the contexts of these tests. */
@Factory
@Requires(property = "sturdy-test.manual-clock", value = "true")
class ManualClockFactory {

    @Singleton
    @Replaces(SturdyClock.class)
    ManualClock manualClock() {
        return new ManualClock();
    }
}
