package dev.sturdy.runtime.time;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock: {@link System#nanoTime()}, {@link Thread#sleep}, and one daemon thread named
 * {@code sturdy-scheduler} that hands due tasks to an executor. A cancelled timer leaves the
 * queue at once, so many short calls with long timeouts do not pile up timers. Thread-safe;
 * {@link #close()} stops the thread.
 */
public final class SystemClock implements SturdyClock, AutoCloseable {

    private final ScheduledThreadPoolExecutor timers;
    private final Executor executor;

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
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> scheduled = timers.schedule(() -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException shuttingDown) {
                task.run();
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }

    /** Stops the scheduler thread; timers not yet run never run. */
    @Override
    public void close() {
        timers.shutdownNow();
    }
}
