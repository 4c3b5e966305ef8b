package dev.sturdy.runtime.testing;

import dev.sturdy.runtime.time.Cancellable;
import dev.sturdy.runtime.time.ManualClock;
import dev.sturdy.runtime.time.SturdyClock;

import java.util.function.BooleanSupplier;

/**
 * A {@link ManualClock} with one behaviour changed: subclasses override the method that differs
 * (a tick, timers that cannot be called off, an interrupted sleep) and inherit the rest.
 */
public abstract class ManualClockVariant implements SturdyClock {

    protected final ManualClock clock;

    protected ManualClockVariant(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        return clock.schedule(task, delayNanos);
    }

    @Override
    public boolean sleep(long nanos) throws InterruptedException {
        return clock.sleep(nanos);
    }

    @Override
    public void everyTick(BooleanSupplier check) {
        clock.everyTick(check);
    }
}
