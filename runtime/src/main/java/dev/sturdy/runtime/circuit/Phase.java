package dev.sturdy.runtime.circuit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One period of a breaker's life in one state. A new instance starts with every transition, and a
 * call's outcome is recorded against the instance that admitted it, so a call that ends after the
 * breaker moved on cannot disturb the new period's counts. Thread-safe.
 */
abstract sealed class Phase permits Phase.Closed, Phase.Open, Phase.HalfOpen, Phase.ForcedClosed {

    abstract CircuitState state();

    /** @return whether an operator put the breaker in this state, where it stays until reset */
    boolean forced() {
        return false;
    }

    /** CLOSED: the rolling window of the latest outcomes. */
    static final class Closed extends Phase {

        private static final VarHandle RECORDED;
        private static final VarHandle FAILURES;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                RECORDED = lookup.findVarHandle(Closed.class, "recorded", long.class);
                FAILURES = lookup.findVarHandle(Closed.class, "failures", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final int size;
        private final double failureRatio;
        private final AtomicIntegerArray failed;
        /** Outcomes recorded so far; read and written through {@link #RECORDED}. */
        private volatile long recorded;
        /** Failures in the window now; read and written through {@link #FAILURES}. */
        private volatile int failures;

        Closed(int size, double failureRatio) {
            this.size = size;
            this.failureRatio = failureRatio;
            this.failed = new AtomicIntegerArray(size);
        }

        @Override
        CircuitState state() {
            return CircuitState.CLOSED;
        }

        /**
         * Records an outcome in O(1). A success in a full window without failures would change
         * nothing, so it writes nothing: the common case costs two reads.
         *
         * @return whether the window is full and its failures reach the ratio, after a failure or
         * after a success (a window that fills up with S,F,F,S at ratio 0.5 opens on the last S)
         */
        boolean record(boolean failure) {
            if (!failure && failures == 0 && recorded >= size) {
                return false;
            }
            long sequence = (long) RECORDED.getAndAdd(this, 1L);
            int outcome = failure ? 1 : 0;
            int replaced = failed.getAndSet((int) (sequence % size), outcome);
            int failuresNow = outcome == replaced ? failures : (int) FAILURES.getAndAdd(this, outcome - replaced)
                    + outcome - replaced;
            // fresh reads, not this call's own sequence: of two calls filling the window at once, the
            // one that updates the failures last sees both outcomes and both counted
            return recorded >= size && (double) failuresNow / size >= failureRatio;
        }

        int failures() {
            return failures;
        }

        long recorded() {
            return recorded;
        }
    }

    /** OPEN until a moment on the clock, or, forced by an operator, until reset. */
    static final class Open extends Phase {

        final long until;
        private final boolean forced;

        Open(long until, boolean forced) {
            this.until = until;
            this.forced = forced;
        }

        @Override
        CircuitState state() {
            return CircuitState.OPEN;
        }

        @Override
        boolean forced() {
            return forced;
        }
    }

    /** CLOSED by an operator: admits every call and records nothing, until reset. */
    static final class ForcedClosed extends Phase {

        @Override
        CircuitState state() {
            return CircuitState.CLOSED;
        }

        @Override
        boolean forced() {
            return true;
        }
    }

    /** HALF_OPEN: a fixed number of trial slots, all of whose calls must succeed. */
    static final class HalfOpen extends Phase {

        private final int trials;
        private final AtomicInteger admitted = new AtomicInteger();
        private final AtomicInteger succeeded = new AtomicInteger();

        HalfOpen(int trials) {
            this.trials = trials;
        }

        @Override
        CircuitState state() {
            return CircuitState.HALF_OPEN;
        }

        /** @return whether a trial slot was free and is now taken */
        boolean admit() {
            while (true) {
                int taken = admitted.get();
                if (taken >= trials) {
                    return false;
                }
                if (admitted.compareAndSet(taken, taken + 1)) {
                    return true;
                }
            }
        }

        /** A trial ended without an outcome (it was cancelled): its slot is free again. */
        void release() {
            admitted.decrementAndGet();
        }

        /** @return whether this was the last success needed */
        boolean succeed() {
            return succeeded.incrementAndGet() == trials;
        }
    }
}
