package dev.sturdy.runtime.retry;

import dev.sturdy.exception.SturdyException;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.time.SturdyClock;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.time.Duration;

/**
 * Applies a {@link RetryPolicy}: a sync caller sleeps between attempts on its own thread and stops
 * when interrupted (keeping the flag); an async call schedules each retry on the clock, in the
 * caller's context, and cancelling its future cancels the pending retry or the attempt in flight. Thread-safe; allocates
 * nothing while calls succeed.
 *
 * @param <I> the invocation type
 * @see AsyncRetry
 */
public final class RetryStrategy<I> implements Strategy<I> {

    private final RetryPolicy policy;
    private final Strategy<I> delegate;
    private final Facilities<I> facilities;
    private final RetryListener listener;
    private final RetryBudget budget;
    private final RetryBudget alsoFunded;

    /**
     * @param policy what to do
     * @param delegate the strategy inside this one
     * @param facilities the clock that times the delays and starts async retries, the invoker that
     *                   carries the caller's context to them, where async calls register
     * @param listener told about every retry
     */
    public RetryStrategy(RetryPolicy policy, Strategy<I> delegate, Facilities<I> facilities, RetryListener listener) {
        this(policy, null, delegate, facilities, listener);
    }

    /**
     * @param policy what to do
     * @param budget the retry budget the retries spend, or {@code null}
     * @param delegate the strategy inside this one
     * @param facilities the clock that times the delays and starts async retries, the invoker that
     *                   carries the caller's context to them, where async calls register
     * @param listener told about every retry, and every retry the budget had no room for
     */
    public RetryStrategy(RetryPolicy policy, RetryBudget budget, Strategy<I> delegate, Facilities<I> facilities,
            RetryListener listener) {
        this(policy, budget, null, delegate, facilities, listener);
    }

    /**
     * @param policy what to do
     * @param budget the retry budget the retries spend, or {@code null}
     * @param alsoFunded another budget each call counts a first attempt of, once however many
     *                   attempts it makes (the budget of a {@code @Hedge} inside), or {@code null}
     * @param delegate the strategy inside this one
     * @param facilities the clock that times the delays and starts async retries, the invoker that
     *                   carries the caller's context to them, where async calls register
     * @param listener told about every retry, and every retry the budget had no room for
     */
    public RetryStrategy(RetryPolicy policy, RetryBudget budget, RetryBudget alsoFunded, Strategy<I> delegate,
            Facilities<I> facilities, RetryListener listener) {
        this.policy = policy;
        this.budget = budget;
        this.alsoFunded = alsoFunded == budget ? null : alsoFunded;
        this.delegate = delegate;
        this.facilities = facilities;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        fund();
        long start = policy.maxDuration() == null ? 0 : facilities.clock().nanoTime();
        EarlierFailures earlier = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.call(invocation);
            } catch (Throwable failure) {
                earlier = earlier == null ? new EarlierFailures(policy.method()) : earlier;
                boolean interrupted = failure instanceof InterruptedException || Thread.currentThread().isInterrupted();
                long delay = interrupted ? RetryPolicy.STOP : nextDelayNanos(failure, attempt, start);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (delay == RetryPolicy.STOP) {
                    throw earlier.attachTo(failure);
                }
                if (!mayWait(delay)) {
                    throw earlier.attachTo(notRetried(failure));
                }
                retrying(attempt, failure, delay);
                boolean slept;
                try {
                    slept = facilities.clock().sleep(delay);
                } catch (InterruptedException whileWaiting) {
                    Thread.currentThread().interrupt();
                    throw earlier.attachTo(failure);
                }
                if (!slept) {
                    throw shuttingDown(earlier.attachTo(failure));
                }
                earlier.add(failure);
            }
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        fund();
        return new AsyncRetry<>(this, invocation).start();
    }

    private void fund() {
        if (budget != null) {
            budget.firstAttempt();
        }
        if (alsoFunded != null) {
            alsoFunded.firstAttempt();
        }
    }

    /** @return the delay before the next attempt, or {@link RetryPolicy#STOP}: the policy's, if the budget has room */
    long nextDelayNanos(Throwable failure, int attemptsMade, long start) {
        long elapsed = policy.maxDuration() == null ? 0 : facilities.clock().nanoTime() - start;
        long delay = policy.nextDelayNanos(failure, attemptsMade, elapsed, ThreadLocalRandom.current().nextDouble());
        if (delay != RetryPolicy.STOP && budget != null && !budget.tryRetry()) {
            listener.budgetExhausted(policy.method(), attemptsMade, failure, budget.name());
            return RetryPolicy.STOP;
        }
        return delay;
    }

    /**
     * @return whether a retry {@code delayNanos} from now may be waited for: not when the
     * application is shutting down and the retry would start after its grace period
     */
    boolean mayWait(long delayNanos) {
        return facilities.inFlight().admitsDelay(facilities.clock().nanoTime(), delayNanos);
    }

    /** @return {@code last}, noting that it was not retried because the application is shutting down */
    Throwable notRetried(Throwable last) {
        last.addSuppressed(new SturdyException(policy.method()
                + ": not retried, the application is shutting down and the next attempt would start after its grace period"));
        return last;
    }

    /** @return the exception a call waiting to retry ends with when the application shuts down */
    CancellationException shuttingDown(Throwable last) {
        CancellationException cancelled = Futures.shuttingDown(policy.method());
        cancelled.initCause(last);
        return cancelled;
    }

    void retrying(int attempt, Throwable failure, long delayNanos) {
        listener.retrying(policy.method(), attempt, failure, Duration.ofNanos(delayNanos));
    }

    String method() {
        return policy.method();
    }

    Strategy<I> delegate() {
        return delegate;
    }

    Invoker<I> invoker() {
        return facilities.invoker();
    }

    SturdyClock clock() {
        return facilities.clock();
    }

    InFlight inFlight() {
        return facilities.inFlight();
    }
}
