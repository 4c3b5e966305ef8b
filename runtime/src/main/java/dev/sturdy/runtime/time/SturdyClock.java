package dev.sturdy.runtime.time;

import java.util.function.BooleanSupplier;

/**
 * The only source of time for Sturdy's strategies: reading it, waiting, and scheduling. Replace
 * it with a {@link ManualClock} to drive retries, timeouts and delays without waiting.
 * Implementations are thread-safe.
 *
 * @see SystemClock
 * @see ManualClock
 */
public interface SturdyClock {

    /**
     * @return the current time in nanoseconds, only meaningful as a difference to another reading
     */
    long nanoTime();

    /**
     * The time as of the clock's last tick: about {@link #tickNanos()} behind {@link #nanoTime()}
     * at most (more only when the machine is so loaded that the ticking thread runs late), and
     * far cheaper to read, for what every call does (a deadline, a token).
     *
     * @return the current time in nanoseconds, rounded down to the clock's last tick
     */
    default long tickedNanoTime() {
        return nanoTime();
    }

    /**
     * @return how far {@link #tickedNanoTime()} may lag behind {@link #nanoTime()}, 0 when it does not
     */
    default long tickNanos() {
        return 0;
    }

    /**
     * Has {@code check} run at every tick of this clock: every {@link #tickNanos()} while the
     * clock ticks (a {@link ManualClock} runs it whenever it is advanced). The clock ticks while
     * {@link #tickedNanoTime()} is being read and while a check returns {@code true} (it has
     * something pending). Checks must be quick and must not throw.
     *
     * @param check what to run; returns whether it needs further ticks
     */
    void everyTick(BooleanSupplier check);

    /**
     * Runs {@code task} once, {@code delayNanos} from now, never on the thread that scheduled it
     * and never on a thread shared with other timers, so the task may start a call that blocks
     * for a while (an async method's synchronous part). The real clock hands due tasks to an
     * executor; a {@link ManualClock} runs them on the thread that advances it. Once a clock is
     * closed its tasks never run (the application is shutting down, and Sturdy ends the work that
     * waits for them through {@link dev.sturdy.runtime.core.InFlight}); scheduling then does not fail.
     *
     * @param task what to run
     * @param delayNanos how long from now, at least 0
     * @return a handle to call the task off
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /**
     * Blocks the calling thread for {@code nanos}, or until the clock is closed.
     *
     * @param nanos how long
     * @return {@code true} when the time has passed; {@code false} when the clock was closed first
     * (the application is shutting down)
     * @throws InterruptedException if the thread is interrupted while waiting; the flag is cleared
     */
    boolean sleep(long nanos) throws InterruptedException;
}
