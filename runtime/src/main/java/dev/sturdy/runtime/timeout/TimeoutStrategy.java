package dev.sturdy.runtime.timeout;

import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.PolicyEvents;
import dev.sturdy.runtime.core.Policies;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.time.Cancellable;
import dev.sturdy.runtime.time.SturdyClock;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Applies a {@link TimeoutPolicy}. A sync call runs on a worker thread, with a detached copy of
 * the invocation, while the caller waits: at the deadline the worker is interrupted and the
 * caller gets {@link TimeoutExceededException} at once, even if the work ignores the interrupt.
 * An async call's future is cancelled at the deadline and the returned future fails. The budget
 * is the policy's timeout or what is left of an enclosing one, whichever is less. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class TimeoutStrategy<I> implements Strategy<I> {

    private final TimeoutPolicy policy;
    private final Strategy<I> delegate;
    private final Invoker<I> invoker;
    private final SturdyClock clock;
    private final Executor executor;
    private final PolicyEvents events;

    /**
     * @param policy what to do
     * @param delegate the strategy inside this one
     * @param invoker detaches sync calls and carries the caller's context to the worker
     * @param clock times the deadline
     * @param executor runs sync calls; must start every task promptly (virtual or cached threads)
     * @param events told about every timeout
     */
    public TimeoutStrategy(TimeoutPolicy policy, Strategy<I> delegate, Invoker<I> invoker, SturdyClock clock, Executor executor,
                           PolicyEvents events) {
        this.policy = policy;
        this.delegate = delegate;
        this.invoker = invoker;
        this.clock = clock;
        this.executor = executor;
        this.events = events;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        long start = clock.nanoTime();
        long budget = budget(start);
        if (budget <= 0) {
            throw outerDeadlinePassed();
        }
        long deadline = start + budget;
        I detached = invoker.detach(invocation, invoker.arguments(invocation).clone());
        CompletableFuture<Object> result = new CompletableFuture<>();
        FutureTask<Object> work = new FutureTask<>(invoker.captureContext().apply(() -> Deadline.within(deadline, () -> {
            try {
                return result.complete(delegate.call(detached));
            } catch (Throwable failure) {
                return result.completeExceptionally(failure);
            }
        })), null);
        Cancellable timer = clock.schedule(() -> {
            if (result.completeExceptionally(timedOut(budget))) {
                work.cancel(true);
            }
        }, budget);
        try {
            executor.execute(work);
            return result.get();
        } catch (ExecutionException failed) {
            throw failed.getCause();
        } catch (InterruptedException interrupted) {
            work.cancel(true);
            Thread.currentThread().interrupt();
            if (clock.nanoTime() - deadline >= 0) {
                // an enclosing timeout with the same deadline fired first: report this one's
                throw timedOut(budget);
            }
            CancellationException cancelled = new CancellationException(policy.method() + " was interrupted while waiting for its result");
            cancelled.initCause(interrupted);
            throw cancelled;
        } finally {
            timer.cancel();
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        long start = clock.nanoTime();
        long budget = budget(start);
        if (budget <= 0) {
            return CompletableFuture.failedFuture(outerDeadlinePassed());
        }
        long deadline = start + budget;
        CompletableFuture<Object> work = Deadline.within(deadline, () -> delegate.callAsync(invocation));
        CompletableFuture<Object> result = new CompletableFuture<>();
        Cancellable timer = clock.schedule(() -> {
            if (result.completeExceptionally(timedOut(budget))) {
                work.cancel(true);
            }
        }, deadline - clock.nanoTime());
        work.whenComplete((value, failure) -> {
            timer.cancel();
            Futures.complete(result, value, failure);
        });
        Futures.whenCancelled(result, () -> {
            timer.cancel();
            work.cancel(true);
        });
        return result;
    }

    private long budget(long now) {
        return Math.min(policy.timeout().toNanos(), Deadline.remaining(now));
    }

    private TimeoutExceededException timedOut(long budget) {
        events.timedOut(policy.method(), Duration.ofNanos(budget));
        Duration own = policy.timeout();
        String limit = budget < own.toNanos()
                ? Policies.format(Duration.ofNanos(budget)) + " (what was left of an enclosing @Timeout; its own is " + Policies.format(own) + ")"
                : Policies.format(own);
        return new TimeoutExceededException(policy.method() + " did not finish within " + limit);
    }

    private TimeoutExceededException outerDeadlinePassed() {
        return new TimeoutExceededException(policy.method() + " was not started: the deadline of an enclosing @Timeout has passed");
    }
}
