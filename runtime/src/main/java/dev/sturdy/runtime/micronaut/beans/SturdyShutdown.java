package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.time.SystemClock;
import dev.sturdy.runtime.timeout.Watchdog;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;

import java.util.concurrent.ExecutorService;

/**
 * Ends Sturdy's work when the application context closes, the one place that does: first the work
 * in flight is cancelled (async retries, fan-outs), while the threads that complete it still run;
 * then the watchdog, the clock's threads and Sturdy's workers stop.
 */
@Context
final class SturdyShutdown {

    private final InFlight inFlight;
    private final Watchdog watchdog;
    private final SturdyClock clock;
    private final ExecutorService executor;

    SturdyShutdown(InFlight inFlight, Watchdog watchdog, SturdyClock clock,
            @Named(SturdyBeans.EXECUTOR) ExecutorService executor) {
        this.inFlight = inFlight;
        this.watchdog = watchdog;
        this.clock = clock;
        this.executor = executor;
    }

    @PreDestroy
    void close() {
        inFlight.cancelAll();
        watchdog.close();
        if (clock instanceof SystemClock system) {
            system.close();
        }
        executor.shutdownNow();
    }
}
