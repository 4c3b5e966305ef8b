package dev.sturdy.runtime.timeout;

import dev.sturdy.runtime.time.Cancellable;
import dev.sturdy.runtime.time.SturdyClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Interrupts a caller's thread when its sync call outlives its deadline, for every {@code @Timeout}
 * that runs on the caller's thread, with one timer in all. A call schedules nothing and allocates
 * nothing: it writes its deadline into its thread's {@link Watch} (made once per thread) and arms
 * the timer only when no tick is due by then. Each tick interrupts the threads whose deadline has
 * passed and arms the next tick for the earliest deadline still pending, so while calls keep
 * coming the watchdog ticks about once per timeout, whatever the call rate. A thread that makes
 * no call is dropped at the next tick; with a virtual thread per request, each request's thread
 * costs one watch until then.
 *
 * <p>An interrupt never lands after its call returned: a call ends with a compare-and-set that
 * either closes its watch (the work won) or finds that the watchdog claimed the call first (the
 * timeout won); then the caller waits until the interrupt is delivered and clears it before it
 * reports the timeout. A thread that was already interrupted when its deadline passed is not
 * interrupted again, and keeps its flag. Thread-safe; ticks run on the clock's timer thread, or
 * on the thread that advances a {@link dev.sturdy.runtime.time.ManualClock}.
 *
 * @see TimeoutStrategy
 */
public final class Watchdog implements AutoCloseable {

    /** A deadline that never comes. */
    static final long NONE = Long.MAX_VALUE;
    /** Returned by {@link #enter} when an enclosing call's deadline fired before this call could start. */
    static final int ENCLOSING_FIRED = -1;
    static final int IDLE = 0;
    static final int WATCHED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;
    private static final long PHASES = 4;
    private static final int SPINS_BEFORE_YIELDING = 100;

    private final SturdyClock clock;
    /**
     * Added to every deadline: calls read their start from the clock's ticked time, which lags
     * the real time by up to a tick, and a little more when the ticker runs late.
     */
    private final long slack;
    /** Holds no reference back to this watchdog, so a closed one is not kept alive by its threads. */
    private final ThreadLocal<Watch> watches = ThreadLocal.withInitial(() -> new Watch(Thread.currentThread()));
    /** Watches of threads that may be in a call; a tick drops the idle ones. */
    private final Queue<Watch> listed = new ConcurrentLinkedQueue<>();
    /** When the next tick is due, {@link #NONE} when none is. */
    private volatile long armedAt = NONE;
    private Cancellable timer;
    private boolean closed;

    /**
     * @param clock reads the time and runs the ticks
     */
    public Watchdog(SturdyClock clock) {
        this.clock = clock;
        this.slack = 2 * clock.tickNanos();
    }

    /**
     * @return the current thread's watch
     */
    Watch current() {
        return watches.get();
    }

    /** Stops ticking: calls in flight are no longer interrupted. */
    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    /**
     * Starts watching a call on the current thread, to be interrupted at {@code at} (plus the
     * slack that keeps a start read from the ticked time from making the interrupt early). The
     * call's deadline becomes the thread's enclosing one.
     *
     * @param watch the current thread's watch
     * @return what the thread was before: {@link #IDLE}, {@link #WATCHED} for an enclosing call,
     * or {@link #ENCLOSING_FIRED} when the enclosing call's deadline fired first (nothing changed)
     */
    int enter(Watch watch, long at) {
        long current = watch.state;
        int phase = phase(current);
        if (phase >= FIRING) {
            return ENCLOSING_FIRED;
        }
        if (phase == IDLE) {
            // published by the compare-and-set below, which a tick reads before it
            Watch.INTERRUPT_AT.setOpaque(watch, at + slack);
        }
        if (!Watch.STATE.compareAndSet(watch, current, next(current, WATCHED))) {
            return ENCLOSING_FIRED;
        }
        if (phase == WATCHED) {
            // earlier than the enclosing call's, so written after the new sequence: a tick that
            // still sees the enclosing call never fires it early
            Watch.INTERRUPT_AT.setOpaque(watch, at + slack);
        }
        watch.deadline = at;
        cover(watch, at + slack);
        return phase;
    }

    /**
     * Stops watching the call that {@link #enter} started, going back to what the thread was.
     *
     * @param watch the current thread's watch
     * @param before what {@link #enter} returned
     * @param enclosing the enclosing deadline, restored
     * @param enclosingInterruptAt when the enclosing call is to be interrupted, as read before {@link #enter}
     * @return whether the watchdog claimed the call first: the call timed out, and the interrupt
     * it caused has been cleared
     */
    boolean exit(Watch watch, int before, long enclosing, long enclosingInterruptAt) {
        watch.deadline = enclosing;
        if (before == WATCHED) {
            // later than this call's: a tick that reads it before the state fires nothing early
            Watch.INTERRUPT_AT.setOpaque(watch, enclosingInterruptAt);
        }
        long current = watch.state;
        if (phase(current) == WATCHED && Watch.STATE.compareAndSet(watch, current, next(current, before))) {
            if (before == WATCHED) {
                cover(watch, enclosingInterruptAt);
            }
            return false;
        }
        for (int spins = 0; phase(current = watch.state) != FIRED; spins++) {
            if (spins < SPINS_BEFORE_YIELDING) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        if (watch.interruptedByWatchdog) {
            Thread.interrupted();
        }
        watch.state = next(current, before);
        if (before == WATCHED) {
            cover(watch, enclosingInterruptAt);
        }
        return true;
    }

    /** Makes sure a tick comes at {@code interruptAt} at the latest, for a watch that just started watching. */
    private void cover(Watch watch, long interruptAt) {
        if (!watch.listed) {
            watch.listed = true;
            listed.add(watch);
        }
        if (armedAt > interruptAt) {
            arm(interruptAt);
        }
    }

    private synchronized void arm(long at) {
        if (at >= armedAt || closed) {
            return;
        }
        Cancellable scheduled = clock.schedule(this::tick, at - clock.nanoTime());
        if (timer != null) {
            timer.cancel();
        }
        timer = scheduled;
        armedAt = at;
    }

    private synchronized void tick() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        // a call that starts watching from here on sees no tick due and arms one, unless this tick sees it
        armedAt = NONE;
        long now = clock.nanoTime();
        long next = NONE;
        for (Iterator<Watch> all = listed.iterator(); all.hasNext(); ) {
            Watch watch = all.next();
            if (watch.idle()) {
                watch.listed = false;
                if (watch.idle()) {
                    all.remove();
                    continue;
                }
                watch.listed = true;
            }
            next = Math.min(next, watch.interruptIfDue(now));
        }
        if (next != NONE) {
            arm(next);
        }
    }

    private static int phase(long state) {
        return (int) (state & (PHASES - 1));
    }

    private static long next(long state, int phase) {
        return (state & -PHASES) + PHASES + phase;
    }

    /**
     * One thread's timeouts. Its state is one number, a sequence that each change of the watched
     * deadline increments and a phase: idle, watched, or claimed by the watchdog (firing, then
     * fired once the interrupt is delivered). Only the owning thread moves it out of a claim.
     */
    static final class Watch {

        private static final VarHandle STATE;
        /** Written opaquely; the state's compare-and-set publishes it to the watchdog. */
        private static final VarHandle INTERRUPT_AT;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Watch.class, "state", long.class);
                INTERRUPT_AT = MethodHandles.lookup().findVarHandle(Watch.class, "interruptAt", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Thread thread;
        /** The deadline of the work this thread runs now, from any enclosing {@code @Timeout}; owner only. */
        long deadline = NONE;
        // Watches of different threads end up side by side in memory (the collector copies them
        // together); the padding keeps the fields every call writes off their neighbours' cache lines.
        private long p1, p2, p3, p4, p5, p6, p7;
        private long interruptAt = NONE;
        private volatile long state;
        private long q1, q2, q3, q4, q5, q6, q7;
        private volatile boolean listed;
        /** Whether the watchdog set the interrupt flag (rather than finding it set); published by FIRED. */
        private boolean interruptedByWatchdog;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        /** @return when the call this thread is in is to be interrupted; owner only */
        long interruptAt() {
            return (long) INTERRUPT_AT.getOpaque(this);
        }

        private boolean idle() {
            return phase(state) == IDLE;
        }

        /**
         * @return the deadline still pending, or {@link #NONE}
         */
        private long interruptIfDue(long now) {
            long current = state;
            if (phase(current) != WATCHED) {
                return NONE;
            }
            long at = (long) INTERRUPT_AT.getOpaque(this);
            if (at > now) {
                return at;
            }
            if (STATE.compareAndSet(this, current, current - WATCHED + FIRING)) {
                boolean alreadyInterrupted = thread.isInterrupted();
                if (!alreadyInterrupted) {
                    thread.interrupt();
                }
                interruptedByWatchdog = !alreadyInterrupted;
                state = current - WATCHED + FIRED;
            }
            return NONE;
        }
    }
}
