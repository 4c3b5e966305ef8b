package dev.sturdy.runtime.retry;

import dev.sturdy.annotation.rules.Diagnostics;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.time.SturdyClock;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A retry budget shared by every method that names it: retries may add at most {@code ratio} of
 * the first attempts made in the last {@code window}, or {@code minPerSecond} retries a second over
 * the window when that is more (so that a quiet service can still retry). The rule of gRPC's,
 * Finagle's and Envoy's retry budgets: when a dependency fails every call, retries add about
 * {@code ratio} to its load instead of multiplying it by the attempts.
 *
 * <p>The window is ten slots of a tenth each, forgotten as time passes. A first attempt counts
 * itself in a {@link LongAdder} of its slot, so calls that succeed never contend on one counter;
 * only a retry, which has failed already, takes the budget's lock. Counts are exact while calls
 * stay within one slot and may lose a call that races the slot's reuse: a budget is a rate, not a
 * ledger. Thread-safe.
 */
public final class RetryBudget {

    private static final int SLOTS = 10;

    private final String name;
    private final double ratio;
    private final double minPerWindow;
    private final long slotNanos;
    private final SturdyClock clock;
    private final LongAdder[] firstAttempts = new LongAdder[SLOTS];
    /** Which tick of {@code slotNanos} each slot counts (a slot of an older tick is reset before use); guarded by this. */
    private final long[] ticks = new long[SLOTS];
    /** Retries per slot; guarded by this. */
    private final long[] retries = new long[SLOTS];
    private volatile int currentSlot;
    /** When the current slot's tick ends: before then, a first attempt need not work out its slot. */
    private volatile long currentSlotEnds = Long.MIN_VALUE;

    /**
     * @param name the budget's name, for messages
     * @param ratio at least 0: retries allowed per first attempt
     * @param window greater than 0: how far back attempts count
     * @param minPerSecond at least 0: retries always allowed, per second
     * @param clock times the window
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    public RetryBudget(String name, double ratio, Duration window, double minPerSecond, SturdyClock clock) {
        String where = "sturdy.retry-budgets." + name;
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException(Diagnostics.message("retry-budget-ratio", where + ".ratio", "@Retry(budget = \""
                    + name + "\")", "must be a number >= 0, but was " + ratio));
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(Diagnostics.message("retry-budget-window", where + ".window", "@Retry(budget = \""
                    + name + "\")", "must be a duration > 0, but was " + window));
        }
        if (!(minPerSecond >= 0) || Double.isInfinite(minPerSecond)) {
            throw new IllegalArgumentException(Diagnostics.message("retry-budget-min-per-second", where + ".min-per-second",
                    "@Retry(budget = \"" + name + "\")", "must be a number >= 0, but was " + minPerSecond));
        }
        long windowNanos = PolicyValues.saturatedNanos(window);
        this.name = name;
        this.ratio = ratio;
        this.minPerWindow = minPerSecond * windowNanos / 1e9;
        this.slotNanos = Math.max(1, windowNanos / SLOTS);
        this.clock = clock;
        for (int slot = 0; slot < SLOTS; slot++) {
            firstAttempts[slot] = new LongAdder();
            ticks[slot] = Long.MIN_VALUE;
        }
    }

    /** @return the budget's name */
    public String name() {
        return name;
    }

    /**
     * Counts a first attempt: what the budget lets retries add a fraction of. While time stays
     * within the current slot, this is a clock read, two volatile reads and a striped increment;
     * a call that races the move to the next slot may count in the one before, which a rate does
     * not notice.
     */
    public void firstAttempt() {
        long now = clock.tickedNanoTime();
        int slot = currentSlot;
        if (now >= currentSlotEnds) {
            slot = moveTo(now);
        }
        firstAttempts[slot].increment();
    }

    /** @return the slot of {@code now}, made current (and reset if it counted an older tick) */
    private synchronized int moveTo(long now) {
        long tick = Math.floorDiv(now, slotNanos);
        int slot = (int) Math.floorMod(tick, (long) SLOTS);
        if (ticks[slot] != tick) {
            reuse(slot, tick);
        }
        currentSlot = slot;
        currentSlotEnds = (tick + 1) * slotNanos;
        return slot;
    }

    /**
     * Takes one retry (or hedge) from the budget, when it has room.
     *
     * @return whether the retry may happen
     */
    public synchronized boolean tryRetry() {
        long tick = Math.floorDiv(clock.tickedNanoTime(), slotNanos);
        long attempts = 0;
        long retried = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            long slotTick = ticks[slot];
            if (slotTick > tick - SLOTS && slotTick <= tick) {
                attempts += firstAttempts[slot].sum();
                retried += retries[slot];
            }
        }
        if (retried + 1 > Math.max(minPerWindow, ratio * attempts)) {
            return false;
        }
        int slot = (int) Math.floorMod(tick, (long) SLOTS);
        if (ticks[slot] != tick) {
            reuse(slot, tick);
        }
        retries[slot]++;
        return true;
    }

    private synchronized void reuse(int slot, long tick) {
        if (ticks[slot] < tick) {
            firstAttempts[slot].reset();
            retries[slot] = 0;
            ticks[slot] = tick;
        }
    }
}
