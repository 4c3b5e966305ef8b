package dev.sturdy.runtime.hedge;

import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.retry.RetryBudget;

import dev.sturdy.runtime.time.Cancellable;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Applies a {@link HedgePolicy}: each call is a {@link HedgeRun}, which starts the first attempt at
 * once and another every {@code delay} while none has succeeded, up to {@code maxHedges} extra. A
 * sync call's first attempt runs on the caller's thread and the hedges on the workers; an async
 * call's attempts are futures, a hedge started on the clock's thread in the caller's context.
 * Thread-safe.
 *
 * @param <I> the invocation type
 * @see HedgeRun
 */
public final class HedgeStrategy<I> implements Strategy<I> {

    private final HedgePolicy policy;
    private final RetryBudget budget;
    private final boolean fundsBudget;
    private final Strategy<I> delegate;
    private final Facilities<I> facilities;
    private final HedgeListener listener;
    private final long delayNanos;
    /** Whether hedges start by the clock's ticks (no timer per call), rather than by a timer each. */
    private final boolean byTicks;
    /** Calls waiting for their next hedge, in the order it is due (the delay is the same for all). */
    private final Queue<HedgeRun<I>> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param policy what to do
     * @param budget the retry budget hedges spend, or {@code null}
     * @param fundsBudget whether this strategy counts the calls that fund the budget: not when a
     *                    {@code @Retry} around it counts them, once a call however many attempts it makes
     * @param delegate the strategy inside this one, which every attempt passes on its own
     * @param facilities the clock that starts hedges, the workers that run a sync call's hedges,
     *                   the invoker that detaches them and carries the caller's context to them
     * @param listener told about every hedge started, won, or refused by the budget
     */
    public HedgeStrategy(HedgePolicy policy, RetryBudget budget, boolean fundsBudget, Strategy<I> delegate,
            Facilities<I> facilities, HedgeListener listener) {
        this.policy = policy;
        this.budget = budget;
        this.fundsBudget = budget != null && fundsBudget;
        this.delegate = delegate;
        this.facilities = facilities;
        this.listener = listener;
        this.delayNanos = PolicyValues.saturatedNanos(policy.delay());
        long tick = facilities.clock().tickNanos();
        this.byTicks = delayNanos > 0 && delayNanos >= 2 * tick;
        if (byTicks) {
            facilities.clock().everyTick(this::startDue);
        }
    }

    @Override
    public Object call(I invocation) throws Throwable {
        if (fundsBudget) {
            budget.firstAttempt();
        }
        return new HedgeRun<>(this, invocation, true).runSync();
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        if (fundsBudget) {
            budget.firstAttempt();
        }
        return new HedgeRun<>(this, invocation, false).runAsync();
    }

    /**
     * Has {@code run}'s next hedge start {@code delay} from now: by the clock's ticks when the delay
     * spans two ticks or more (a queue entry per call, no timer: it starts within a tick after the
     * delay), else by a timer of its own.
     *
     * @return the timer to cancel once the call is decided, or {@code null}
     */
    Cancellable hedgeLater(HedgeRun<I> run) {
        if (!byTicks) {
            return facilities.clock().schedule(run.hedgeInCallersContext(), delayNanos);
        }
        // read exactly, and started by the first tick after it: a ticked reading would lag by up
        // to a tick, and a hedge started a tick early or late is that much load or tail
        run.hedgeAt(facilities.clock().nanoTime() + delayNanos);
        facilities.clock().tickedNanoTime(); // keeps the clock ticking while calls wait
        waiting.add(run);
        return null;
    }

    /** Every tick: starts the hedges that are due, off the clock's thread. */
    private synchronized boolean startDue() {
        long now = facilities.clock().nanoTime();
        for (HedgeRun<I> run = waiting.peek(); run != null && run.hedgeAt() - now <= 0; run = waiting.peek()) {
            waiting.poll();
            run.hedgeDue();
        }
        return !waiting.isEmpty();
    }

    /** @return whether the budget lets one more hedge start; tells the listener when it does not */
    boolean mayHedge() {
        if (budget == null || budget.tryRetry()) {
            return true;
        }
        listener.hedgeBudgetExhausted(policy.method(), budget.name());
        return false;
    }

    HedgePolicy policy() {
        return policy;
    }

    long delayNanos() {
        return delayNanos;
    }

    Strategy<I> delegate() {
        return delegate;
    }

    Facilities<I> facilities() {
        return facilities;
    }

    HedgeListener listener() {
        return listener;
    }
}
