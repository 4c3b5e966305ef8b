package dev.sturdy.runtime.timeout;

import dev.sturdy.runtime.time.SturdyClock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Interrupts a caller's thread when its sync call outlives its deadline, for every {@code @Timeout}
 * that runs on the caller's thread. A call schedules nothing, allocates nothing and takes no lock:
 * it writes its deadline into its thread's {@link Watch} (made and listed once per thread). The
 * clock's ticks (every millisecond while calls are made or watched; see
 * {@link SturdyClock#everyTick}) look at the listed watches and interrupt the threads whose
 * deadline has passed, so a deadline fires within a tick or two of its moment. Watches of
 * threads that have ended are dropped at the next tick; with a virtual thread per request, each
 * request's thread costs one watch until then.
 *
 * <p>An interrupt never lands after its call returned: a call ends with a compare-and-set that
 * either closes its watch (the work won) or finds that the watchdog claimed the call first (the
 * timeout won); then the caller waits until the interrupt is delivered and clears it before it
 * reports the timeout. A thread that was already interrupted when its deadline passed is not
 * interrupted again, and keeps its flag. Thread-safe; checks run on the clock's ticker thread, or
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
    /** The watch of every live thread that has made a call; each thread lists its own, once. */
    private final Queue<Watch> listed = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /**
     * @param clock reads the time and runs the checks at its ticks
     */
    public Watchdog(SturdyClock clock) {
        this.clock = clock;
        this.slack = 2 * clock.tickNanos();
        clock.everyTick(this::check);
    }

    /**
     * @return the current thread's watch
     */
    Watch current() {
        return watches.get();
    }

    /**
     * Stops watching, interrupting every call still watched (the application is shutting down):
     * each ends as a timed-out call does, and learns from {@link #isClosed()} why.
     */
    @Override
    public void close() {
        closed = true;
        for (Watch watch : listed) {
            watch.interruptIfDue(Long.MAX_VALUE);
        }
    }

    /** @return how many sync calls are watched now (counted at the moment of asking) */
    public int watchedCalls() {
        int watched = 0;
        for (Watch watch : listed) {
            if (watch.watching()) {
                watched++;
            }
        }
        return watched;
    }

    /** @return whether {@link #close()} has run */
    boolean isClosed() {
        return closed;
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
        if (!watch.listed) {
            watch.listed = true;
            listed.add(watch);
        }
        if (phase == IDLE) {
            // the watchdog never changes an idle watch: a release store publishes the deadline with it
            Watch.INTERRUPT_AT.setOpaque(watch, at + slack);
            Watch.STATE.setRelease(watch, next(current, WATCHED));
        } else {
            if (!Watch.STATE.compareAndSet(watch, current, next(current, WATCHED))) {
                return ENCLOSING_FIRED;
            }
            // earlier than the enclosing call's, so written after the new sequence: a check that
            // still sees the enclosing call never fires it early
            Watch.INTERRUPT_AT.setOpaque(watch, at + slack);
        }
        watch.deadline = at;
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
        return true;
    }

    /**
     * At a tick of the clock: interrupts the threads whose deadline has passed and forgets the
     * watches of threads that have ended.
     *
     * @return whether any call is still watched (the clock keeps ticking for it)
     */
    private boolean check() {
        if (closed) {
            return false;
        }
        long now = clock.nanoTime();
        boolean pending = false;
        for (Iterator<Watch> all = listed.iterator(); all.hasNext(); ) {
            Watch watch = all.next();
            if (watch.watching()) {
                pending |= watch.interruptIfDue(now);
            } else if (!watch.thread.isAlive()) {
                all.remove();
            }
        }
        return pending;
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
        /** Whether the owner has listed this watch; owner only. */
        private boolean listed;
        /** Whether the watchdog set the interrupt flag (rather than finding it set); published by FIRED. */
        private boolean interruptedByWatchdog;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        /** @return when the call this thread is in is to be interrupted; owner only */
        long interruptAt() {
            return (long) INTERRUPT_AT.getOpaque(this);
        }

        private boolean watching() {
            return phase(state) == WATCHED;
        }

        /**
         * @return whether the call is still watched, its deadline not passed yet
         */
        private boolean interruptIfDue(long now) {
            long current = state;
            if (phase(current) != WATCHED) {
                return false;
            }
            long at = (long) INTERRUPT_AT.getOpaque(this);
            if (now != Long.MAX_VALUE && at - now > 0) {
                return true;
            }
            if (STATE.compareAndSet(this, current, current - WATCHED + FIRING)) {
                boolean alreadyInterrupted = thread.isInterrupted();
                if (!alreadyInterrupted) {
                    thread.interrupt();
                }
                interruptedByWatchdog = !alreadyInterrupted;
                state = current - WATCHED + FIRED;
            }
            return false;
        }
    }
}
