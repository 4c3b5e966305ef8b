package dev.sturdy.runtime.micronaut.beans;

import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.time.SystemClock;
import dev.sturdy.runtime.timeout.Watchdog;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.runtime.graceful.GracefulShutdownConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Ends Sturdy's work when the application shuts down, in two steps. With Micronaut's graceful
 * shutdown on ({@code micronaut.lifecycle.graceful-shutdown.enabled}), first gracefully: work in
 * flight may finish within the grace period, no retry waits past its end, and the work left is
 * reported. Then, when the context closes, whatever is left ends at once: every call still waiting
 * on Sturdy fails with a {@link java.util.concurrent.CancellationException} naming it, while the
 * threads that complete it still run; then the watchdog, the clock's threads and Sturdy's workers
 * stop.
 */
@Context
final class SturdyShutdown implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(SturdyShutdown.class);

    private final InFlight inFlight;
    private final Watchdog watchdog;
    private final SturdyClock clock;
    private final ExecutorService executor;
    private final BeanContext beans;

    SturdyShutdown(InFlight inFlight, Watchdog watchdog, SturdyClock clock,
            @Named(SturdyBeans.EXECUTOR) ExecutorService executor, BeanContext beans) {
        this.inFlight = inFlight;
        this.watchdog = watchdog;
        this.clock = clock;
        this.executor = executor;
        this.beans = beans;
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        Duration grace = beans.findBean(GracefulShutdownConfiguration.class)
                .map(GracefulShutdownConfiguration::getGracePeriod)
                .orElse(Duration.ZERO);
        int working = inFlight.size();
        if (working > 0) {
            LOG.info("[sturdy:shutdown] {} call(s) in flight may finish within the grace period of {}", working, grace);
        }
        return inFlight.drain(clock.nanoTime() + PolicyValues.saturatedNanos(grace));
    }

    /**
     * @return the calls Sturdy has in flight: async calls and fan-outs waiting on it, sync callers
     * sleeping before a retry or for a token, and sync calls under a caller's-thread timeout (a
     * sync retry inside a timeout is counted twice)
     */
    @Override
    public OptionalLong reportActiveTasks() {
        int sleeping = clock instanceof SystemClock system ? system.sleeping() : 0;
        return OptionalLong.of((long) inFlight.size() + watchdog.watchedCalls() + sleeping);
    }

    @PreDestroy
    void close() {
        int left = inFlight.size();
        if (left > 0) {
            LOG.info("[sturdy:shutdown] cancelling {} call(s) still in flight", left);
        }
        inFlight.cancelAll();
        watchdog.close();
        if (clock instanceof SystemClock system) {
            system.close();
        }
        executor.shutdownNow();
    }
}
