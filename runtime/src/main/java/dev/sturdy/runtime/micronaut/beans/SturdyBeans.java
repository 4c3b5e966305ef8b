package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.time.SystemClock;
import dev.sturdy.runtime.timeout.Watchdog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;

/**
 * The beans Sturdy's strategies need. Replace the clock in tests with
 * {@code @Replaces(SturdyClock.class)} and a {@link dev.sturdy.runtime.time.ManualClock}.
 */
@Factory
public final class SturdyBeans {

    /** The name of Sturdy's own executor bean. */
    public static final String EXECUTOR = "sturdy";

    /**
     * @return the registry of async retries and fan-outs in flight, cancelled when the context closes
     * @see SturdyShutdown
     */
    @Singleton
    public InFlight inFlight() {
        return new InFlight();
    }

    /**
     * @return Sturdy's worker threads (see {@link WorkerThreads}), stopped with the application context
     */
    @Singleton
    @Named(EXECUTOR)
    public ExecutorService sturdyExecutor() {
        return WorkerThreads.newExecutor();
    }

    /**
     * @param executor Sturdy's worker threads, which run due tasks
     * @return the real clock; its scheduler thread stops with the application context
     */
    @Singleton
    @Bean(typed = SturdyClock.class)
    public SystemClock sturdyClock(@Named(EXECUTOR) ExecutorService executor) {
        return new SystemClock(executor);
    }

    /**
     * @param clock the clock the deadlines are read from and the ticks run on
     * @return the watchdog that interrupts sync calls past their deadline, stopped with the context
     */
    @Singleton
    public Watchdog sturdyWatchdog(SturdyClock clock) {
        return new Watchdog(clock);
    }
}
