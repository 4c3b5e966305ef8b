package dev.sturdy.runtime.time;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The real clock: {@link System#nanoTime()}, {@link Thread#sleep}, and one daemon thread named
 * {@code sturdy-scheduler} that hands due tasks to an executor. A cancelled timer leaves the
 * queue at once, so many short calls with long timeouts do not pile up timers.
 *
 * <p>{@link #tickedNanoTime()} is a field that a daemon thread named {@code sturdy-ticker} sets to
 * {@code System.nanoTime()} every {@link #TICK}: reading {@code System.nanoTime()} costs 20 to 40
 * ns on common virtual machines, as much as a whole intercepted call, while reading the field
 * costs almost nothing. The ticker runs only while the field is being read: after a second with
 * no reading it parks until the next one. Thread-safe; {@link #close()} stops both threads.
 */
public final class SystemClock implements SturdyClock, AutoCloseable {

    /** How often the ticker refreshes {@link #tickedNanoTime()}. */
    public static final Duration TICK = Duration.ofMillis(1);
    private static final long TICK_NANOS = TICK.toNanos();
    private static final int IDLE_TICKS_BEFORE_PARKING = 1000;

    private final ScheduledThreadPoolExecutor timers;
    private final Executor executor;
    private final Thread ticker;
    private volatile long ticked;
    /** Whether the ticker refreshes {@link #ticked}; readers wake it when it does not. */
    private volatile boolean ticking;
    /** Set by readers, cleared by the ticker: tells it whether anyone still reads. */
    private volatile boolean read;
    private volatile boolean closed;
    private final List<BooleanSupplier> checks = new CopyOnWriteArrayList<>();
    private final Set<Thread> sleepers = ConcurrentHashMap.newKeySet();

    /**
     * Starts the scheduler thread lazily, on the first timer.
     *
     * @param executor runs due tasks; when it refuses one (it is shutting down), the task runs on
     *                 the scheduler thread so that nothing waiting for it is left hanging
     */
    public SystemClock(Executor executor) {
        this.executor = executor;
        timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "sturdy-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        ticker = new Thread(this::tick, "sturdy-ticker");
        ticker.setDaemon(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long tickedNanoTime() {
        if (!read) {
            read = true;
        }
        return ticking ? ticked : startTicking();
    }

    @Override
    public long tickNanos() {
        return TICK_NANOS;
    }

    private synchronized long startTicking() {
        if (ticking) {
            return ticked;
        }
        long now = System.nanoTime();
        if (!closed) {
            ticked = now;
            ticking = true;
            if (ticker.getState() == Thread.State.NEW) {
                ticker.start();
            } else {
                LockSupport.unpark(ticker);
            }
        }
        return now;
    }

    @Override
    public void everyTick(BooleanSupplier check) {
        checks.add(check);
    }

    private void tick() {
        int idleTicks = 0;
        while (!closed) {
            LockSupport.parkNanos(TICK_NANOS);
            ticked = System.nanoTime();
            if (runChecks() | read) {
                read = false;
                idleTicks = 0;
            } else if (++idleTicks >= IDLE_TICKS_BEFORE_PARKING) {
                ticking = false;
                // a reader that saw ticking just before it was cleared has set read: look again
                if (read || runChecks()) {
                    ticking = true;
                    continue;
                }
                while (!ticking && !closed) {
                    LockSupport.park(this);
                }
                idleTicks = 0;
            }
        }
    }

    /** @return whether any check has something pending */
    private boolean runChecks() {
        boolean pending = false;
        for (BooleanSupplier check : checks) {
            pending |= check.getAsBoolean();
        }
        return pending;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> scheduled;
        try {
            scheduled = timers.schedule(() -> {
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException shuttingDown) {
                    task.run();
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedAlready) {
            if (!closed) {
                throw closedAlready;
            }
            return () -> { };
        }
        return () -> scheduled.cancel(false);
    }

    @Override
    public boolean sleep(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        Thread sleeper = Thread.currentThread();
        sleepers.add(sleeper);
        try {
            for (long left = nanos; left > 0 && !closed; left = end - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while sleeping");
                }
            }
            return !closed;
        } finally {
            sleepers.remove(sleeper);
        }
    }

    /** @return how many threads are in {@link #sleep} now: sync callers waiting to retry or for a token */
    public int sleeping() {
        return sleepers.size();
    }

    /**
     * Stops the scheduler and ticker threads and wakes the threads in {@link #sleep}; timers not
     * yet run never run (Sturdy ends the work waiting for them first: see
     * {@link dev.sturdy.runtime.core.InFlight}).
     */
    @Override
    public synchronized void close() {
        closed = true;
        ticking = false;
        LockSupport.unpark(ticker);
        timers.shutdownNow();
        sleepers.forEach(LockSupport::unpark);
    }
}
