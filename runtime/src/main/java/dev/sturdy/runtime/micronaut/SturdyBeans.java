package dev.sturdy.runtime.micronaut;

import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.time.SystemClock;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;

/**
 * The beans Sturdy's strategies need. Replace the clock in tests with
 * {@code @Replaces(SturdyClock.class)} and a {@link dev.sturdy.runtime.time.ManualClock}.
 */
@Factory
final class SturdyBeans {

    /**
     * @param executor Micronaut's blocking executor (virtual threads where the JVM has them),
     *                 which runs due tasks
     * @return the real clock; its scheduler thread stops with the application context
     */
    @Singleton
    @Bean(typed = SturdyClock.class, preDestroy = "close")
    SystemClock sturdyClock(@Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        return new SystemClock(executor);
    }
}
