package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.time.SystemClock;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The beans Sturdy's strategies need. Replace the clock in tests with
 * {@code @Replaces(SturdyClock.class)} and a {@link dev.sturdy.runtime.time.ManualClock}.
 */
@Factory
final class SturdyBeans {

    /**
     * @return the real clock; its scheduler thread stops with the application context
     */
    @Singleton
    @Bean(typed = SturdyClock.class, preDestroy = "close")
    SystemClock sturdyClock() {
        return new SystemClock();
    }
}
