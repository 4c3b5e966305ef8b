package dev.sturdy.runtime.hedge;

import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.retry.RetryBudget;

import java.util.concurrent.CompletableFuture;

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
