package dev.sturdy.runtime.timeout;

import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.time.Cancellable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Applies a {@link TimeoutPolicy}. A sync call runs on the caller's thread, which the
 * {@link Watchdog} interrupts at the deadline; the caller gets {@link TimeoutExceededException}
 * when the work stops. An isolated sync call runs on a worker thread, with a detached copy of the
 * invocation, while the caller waits: at the deadline the worker is interrupted and the caller
 * gets the exception at once, even if the work ignores the interrupt. An async call's future is
 * cancelled at the deadline and the returned future fails. The budget is the policy's timeout or
 * what is left of an enclosing one, whichever is less. A timeout is reported only when it wins
 * the race with the work. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class TimeoutStrategy<I> implements Strategy<I> {

    private final TimeoutPolicy policy;
    private final long timeout;
    private final Strategy<I> delegate;
    private final Facilities<I> facilities;
    private final Watchdog watchdog;
    private final TimeoutListener listener;

    /**
     * @param policy what to do
     * @param delegate the strategy inside this one
     * @param facilities the clock that times the deadline, the workers that run isolated sync calls
     *                   and the invoker that detaches them and carries the caller's context there
     * @param watchdog interrupts sync calls on their caller's thread
     * @param listener told about every timeout
     */
    public TimeoutStrategy(TimeoutPolicy policy, Strategy<I> delegate, Facilities<I> facilities, Watchdog watchdog,
                           TimeoutListener listener) {
        this.policy = policy;
        this.timeout = PolicyValues.saturatedNanos(policy.timeout());
        this.delegate = delegate;
        this.facilities = facilities;
        this.watchdog = watchdog;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        Watchdog.Watch watch = watchdog.current();
        long enclosing = watch.deadline;
        if (policy.isolated()) {
            long start = facilities.clock().nanoTime();
            long budget = budget(start, enclosing);
            if (budget <= 0) {
                throw outerDeadlinePassed();
            }
            return callIsolated(invocation, start + budget, budget);
        }
        long start = facilities.clock().tickedNanoTime();
        long budget = budget(start, enclosing);
        if (budget <= 0) {
            throw outerDeadlinePassed();
        }
        long enclosingInterruptAt = watch.interruptAt();
        int before = watchdog.enter(watch, start + budget);
        if (before == Watchdog.ENCLOSING_FIRED) {
            throw outerDeadlinePassed();
        }
        Object result;
        try {
            result = delegate.call(invocation);
        } catch (Throwable failure) {
            if (watchdog.exit(watch, before, enclosing, enclosingInterruptAt)) {
                RuntimeException ended = endedByWatchdog(start + budget, budget);
                ended.addSuppressed(failure);
                throw ended;
            }
            throw failure;
        }
        if (watchdog.exit(watch, before, enclosing, enclosingInterruptAt)) {
            throw endedByWatchdog(start + budget, budget);
        }
        return result;
    }

    /**
     * @return why the watchdog interrupted the call: its deadline, or, before it, the application
     * shutting down
     */
    private RuntimeException endedByWatchdog(long deadline, long budget) {
        if (watchdog.isClosed() && facilities.clock().nanoTime() - deadline < 0) {
            return Futures.shuttingDown(policy.method());
        }
        return timedOut(budget);
    }

    private Object callIsolated(I invocation, long deadline, long budget) throws Throwable {
        I detached = facilities.invoker().detach(invocation, facilities.invoker().arguments(invocation).clone());
        CompletableFuture<Object> result = new CompletableFuture<>();
        FutureTask<Object> work = new FutureTask<>(facilities.invoker().captureContext().apply(() -> {
            Watchdog.Watch worker = watchdog.current();
            long enclosing = worker.deadline;
            worker.deadline = deadline;
            try {
                result.complete(delegate.call(detached));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            } finally {
                worker.deadline = enclosing;
            }
        }), null);
        Cancellable timer = facilities.clock().schedule(() -> {
            if (result.completeExceptionally(exceeded(budget))) {
                reportTimeout(budget);
                work.cancel(true);
            }
        }, budget);
        Runnable forget = facilities.inFlight().register(() -> {
            if (result.completeExceptionally(Futures.shuttingDown(policy.method()))) {
                work.cancel(true);
            }
        });
        try {
            try {
                facilities.workers().execute(work);
            } catch (RejectedExecutionException refused) {
                result.completeExceptionally(facilities.inFlight().isClosed() ? Futures.shuttingDown(policy.method()) : refused);
            }
            return Futures.await(result);
        } catch (InterruptedException interrupted) {
            work.cancel(true);
            if (facilities.clock().nanoTime() - deadline >= 0) {
                // an enclosing timeout with the same deadline interrupted the caller: this one's
                // ran out too, reported once, by whichever of the two completes the result
                TimeoutExceededException exceeded = exceeded(budget);
                if (result.completeExceptionally(exceeded)) {
                    reportTimeout(budget);
                }
                Thread.currentThread().interrupt();
                throw exceeded;
            }
            throw Futures.interrupted("the result of " + policy.method(), interrupted);
        } finally {
            timer.cancel();
            forget.run();
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        Watchdog.Watch watch = watchdog.current();
        long enclosing = watch.deadline;
        long start = facilities.clock().nanoTime();
        long budget = budget(start, enclosing);
        if (budget <= 0) {
            return CompletableFuture.failedFuture(outerDeadlinePassed());
        }
        long deadline = start + budget;
        CompletableFuture<Object> work;
        watch.deadline = deadline;
        try {
            work = delegate.callAsync(invocation);
        } finally {
            watch.deadline = enclosing;
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        Cancellable timer = facilities.clock().schedule(() -> {
            if (result.completeExceptionally(exceeded(budget))) {
                reportTimeout(budget);
                work.cancel(true);
            }
        }, deadline - facilities.clock().nanoTime());
        Runnable forget = facilities.inFlight().register(() -> result.completeExceptionally(
                Futures.shuttingDown(policy.method())));
        work.whenComplete((value, failure) -> {
            timer.cancel();
            Futures.complete(result, value, failure);
        });
        result.whenComplete((value, failure) -> forget.run());
        Futures.whenCancelled(result, () -> {
            timer.cancel();
            work.cancel(true);
        });
        return result;
    }

    private long budget(long now, long enclosing) {
        return enclosing == Watchdog.NONE ? timeout : Math.min(timeout, enclosing - now);
    }

    /** The timeout won the race with the work: report it and tell the caller. */
    private TimeoutExceededException timedOut(long budget) {
        reportTimeout(budget);
        return exceeded(budget);
    }

    private void reportTimeout(long budget) {
        listener.timedOut(policy.method(), Duration.ofNanos(budget));
    }

    private TimeoutExceededException exceeded(long budget) {
        String limit = budget < timeout
                ? PolicyValues.format(Duration.ofNanos(budget)) + " (what was left of an enclosing @Timeout; its own is "
                        + PolicyValues.format(policy.timeout()) + ")"
                : PolicyValues.format(policy.timeout());
        return new TimeoutExceededException(policy.method() + " did not finish within " + limit);
    }

    private TimeoutExceededException outerDeadlinePassed() {
        return new TimeoutExceededException(policy.method()
                + " was not started: the deadline of an enclosing @Timeout has passed");
    }
}
