package dev.sturdy.runtime.time;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;

/**
 * A clock that only moves when told to, for tests: {@link #advance(Duration)} moves time forward
 * and runs every timer that falls due, in deadline order, then every {@link #everyTick} check, on
 * the advancing thread, so that an
 * async retry's next attempt has run when {@code advance} returns. {@link #sleep}
 * does not block: it advances the clock by the time slept, so a synchronous retry with long
 * back-off delays finishes at once while every timer still fires at its moment. Thread-safe.
 */
public final class ManualClock implements SturdyClock {

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final List<BooleanSupplier> checks = new CopyOnWriteArrayList<>();
    private long now;
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        Timer timer = new Timer(now + Math.max(0, delayNanos), sequence++, task);
        timers.add(timer);
        notifyAll();
        return () -> cancel(timer);
    }

    @Override
    public boolean sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleeping");
        }
        advanceNanos(nanos);
        return true;
    }

    /**
     * Moves time forward by {@code duration}, running the timers that fall due on this thread, then
     * the {@link #everyTick} checks, then any timer those checks scheduled to run by then.
     *
     * @param duration how far, at least 0
     */
    public void advance(Duration duration) {
        advanceNanos(duration.toNanos());
    }

    /**
     * Moves time to the earliest pending timer and runs it (and any other timer due at that
     * moment), the way a test drives asynchronous retries and delays step by step.
     *
     * @return whether there was a timer to run
     */
    public boolean runNextTimer() {
        long next;
        synchronized (this) {
            Timer due = timers.peek();
            if (due == null) {
                return false;
            }
            next = due.deadline - now;
        }
        advanceNanos(next);
        return true;
    }

    /**
     * @return how many timers are scheduled and not yet run or cancelled
     */
    public synchronized int pendingTimers() {
        return timers.size();
    }

    /**
     * Waits (in real time) until at least {@code count} timers are pending: lets a test advance
     * time only once the code under test has scheduled what it is expected to.
     *
     * @param count timers to wait for
     * @param realTimeout how long to wait at most, in real time
     * @throws AssertionError when they do not appear in time
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized void awaitPendingTimers(int count, Duration realTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + realTimeout.toNanos();
        while (timers.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " pending timers within " + realTimeout + ", found "
                        + timers.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Runs {@code check} whenever the clock is advanced, after the timers that fell due. */
    @Override
    public void everyTick(BooleanSupplier check) {
        checks.add(check);
    }

    private void advanceNanos(long nanos) {
        long target;
        synchronized (this) {
            target = now + Math.max(0, nanos);
        }
        boolean dueAgain = true;
        while (dueAgain) {
            while (true) {
                Timer due;
                synchronized (this) {
                    due = timers.peek();
                    if (due == null || due.deadline - target > 0) {
                        now = later(now, target);
                        break;
                    }
                    timers.poll();
                    now = later(now, due.deadline);
                }
                due.task.run();
            }
            checks.forEach(BooleanSupplier::getAsBoolean);
            // what a check started at once runs within this advance too
            synchronized (this) {
                Timer due = timers.peek();
                dueAgain = due != null && due.deadline - target <= 0;
            }
        }
    }

    /** @return the later of two readings, compared as {@code System.nanoTime()} readings are: by their difference */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    private synchronized void cancel(Timer timer) {
        timers.remove(timer);
    }

    private record Timer(long deadline, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.signum(deadline - other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
