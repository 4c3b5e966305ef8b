package dev.sturdy.runtime.hedge;

import dev.sturdy.runtime.core.Cancellation;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.time.Cancellable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * One hedged call: its attempts side by side, and the one result they make. The first success
 * completes the result; a failure ends only its attempt, and the call fails when every attempt
 * started has failed (the last failure, the others suppressed on it). Once the result is decided,
 * or the caller cancels it, the timer that would start the next hedge is cancelled and every
 * attempt still running is cancelled: a hedge on a worker is interrupted, an async attempt's
 * future cancelled, and a sync call's first attempt, on the caller's thread, interrupted while it
 * is still running there, never after; the run clears only an interrupt it set itself. A sync
 * attempt is marked ({@link Cancellation}) before it is interrupted, so that the breaker and the
 * adaptive limit inside it do not count a lost hedge against the dependency. Thread-safe: the
 * attempts, the count and the failures are guarded by this run.
 *
 * @param <I> the invocation type
 */
final class HedgeRun<I> {

    private final HedgeStrategy<I> strategy;
    private final I invocation;
    private final boolean sync;
    private final UnaryOperator<Runnable> callerContext;
    private final Object[] arguments;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private final String method;
    /** The attempts running, by attempt number from 0; made when the first hedge starts. */
    private Attempt[] running;
    private Future<?> first;
    private List<Throwable> failures;
    private int started = 1;
    private boolean decided;
    private final Cancellation callerMark;
    private Thread caller;
    private boolean callerInterrupted;
    private Cancellable timer;
    private Runnable forget;
    /** When the next hedge is due, for a strategy that starts hedges by ticks; written before the run is queued. */
    private long hedgeAt;

    /** An attempt's future, and, for a sync one, its mark. */
    private record Attempt(Future<?> future, Cancellation mark) {
    }

    HedgeRun(HedgeStrategy<I> strategy, I invocation, boolean sync) {
        this.strategy = strategy;
        this.invocation = invocation;
        this.sync = sync;
        Invoker<I> invoker = strategy.facilities().invoker();
        this.callerContext = invoker.captureContext();
        // the caller's thread goes on with the invocation while a hedge copies its arguments
        this.arguments = invoker.arguments(invocation).clone();
        this.method = strategy.policy().method();
        this.callerMark = sync ? Cancellation.mark() : null;
        this.caller = sync ? Thread.currentThread() : null;
    }

    /** Runs the first attempt on the caller's thread, then waits for the result if hedges are still running. */
    Object runSync() throws Throwable {
        start();
        Object value = null;
        Throwable failure = null;
        callerMark.enter();
        try {
            value = strategy.delegate().call(invocation);
        } catch (Throwable thrown) {
            failure = thrown;
        } finally {
            callerMark.exit();
        }
        boolean interruptedByRun;
        synchronized (this) {
            caller = null;
            interruptedByRun = callerInterrupted;
            if (started == 1 && !over()) {
                // no hedge started: the call is this attempt's, and the hedge due later will see it decided
                decided = true;
                if (failure != null) {
                    throw failure;
                }
                return value;
            }
        }
        if (interruptedByRun) {
            // the run cancelled this attempt; the call's result is another attempt's
            Thread.interrupted();
        } else if (failure instanceof InterruptedException || failure != null && Thread.currentThread().isInterrupted()) {
            // someone else interrupted the caller: the call ends here, with the hedges
            result.completeExceptionally(failure);
        }
        ended(0, value, failure);
        try {
            return Futures.await(result);
        } catch (InterruptedException interrupted) {
            boolean answered;
            synchronized (this) {
                answered = decided;
            }
            if (answered) {
                // an attempt decided the call and is completing the result now: the call has its answer
                // and the interrupt stays for the caller's next blocking call
                try {
                    return awaitUninterruptibly();
                } finally {
                    Thread.currentThread().interrupt();
                }
            }
            RuntimeException cancelled = Futures.interrupted("the hedges of " + method, interrupted);
            result.completeExceptionally(cancelled);
            throw cancelled;
        }
    }

    private Object awaitUninterruptibly() throws Throwable {
        while (true) {
            try {
                return Futures.await(result);
            } catch (InterruptedException again) {
                // kept by the caller of this method
            }
        }
    }

    /** Starts the first attempt; the result completes however the attempts end. */
    CompletableFuture<Object> runAsync() {
        // the caller may cancel the result at any time
        result.whenComplete((value, failure) -> finish());
        start();
        launch(invocation, 0);
        return result;
    }

    private void start() {
        Cancellable firstTimer = schedule();
        if (firstTimer != null) {
            synchronized (this) {
                // with a tiny delay the first hedge may have started, and scheduled the next, already
                if (timer == null) {
                    timer = firstTimer;
                }
            }
        }
    }

    /** @return the timer of the next hedge, or {@code null} when the strategy starts it by ticks */
    private Cancellable schedule() {
        return strategy.hedgeLater(this);
    }

    /** @return starts the next hedge, in the caller's context */
    Runnable hedgeInCallersContext() {
        return callerContext.apply(this::hedge);
    }

    long hedgeAt() {
        return hedgeAt;
    }

    void hedgeAt(long nanos) {
        hedgeAt = nanos;
    }

    /** Its next hedge is due by the clock's ticks: started at once, off the clock's thread, unless the call is decided. */
    void hedgeDue() {
        synchronized (this) {
            if (over()) {
                return;
            }
        }
        strategy.facilities().clock().schedule(hedgeInCallersContext(), 0);
    }

    /** The timer: starts one more attempt, and schedules the next, unless the call is decided or the budget is spent. */
    private void hedge() {
        synchronized (this) {
            if (over() || started > strategy.policy().maxHedges()) {
                return;
            }
        }
        if (!strategy.mayHedge()) {
            return;
        }
        int attempt;
        boolean more;
        synchronized (this) {
            if (over()) {
                return;
            }
            attempt = started++;
            more = started <= strategy.policy().maxHedges();
        }
        try {
            if (more) {
                Cancellable next = schedule();
                if (next != null) {
                    synchronized (this) {
                        if (!over()) {
                            timer = next;
                            next = null;
                        }
                    }
                    if (next != null) {
                        next.cancel();
                    }
                }
            }
            if (attempt == 1) {
                if (sync) {
                    // from the first hedge on, a sync call's result may be decided away from the caller's thread
                    result.whenComplete((value, failure) -> finish());
                }
                // only a call with hedges has work of its own for shutting down to end
                Runnable forgetting = strategy.facilities().inFlight().register(() -> result.completeExceptionally(
                        Futures.shuttingDown(method)));
                synchronized (this) {
                    forget = forgetting;
                }
                if (result.isDone()) {
                    finish();
                }
            }
            strategy.listener().hedged(method, attempt + 1);
            I detached = strategy.facilities().invoker().detach(invocation, arguments.clone());
            if (sync) {
                launchOnWorker(detached, attempt);
            } else {
                launch(detached, attempt);
            }
        } catch (Throwable failedToStart) {
            // counted as started: it must end, or the call would wait for it forever
            ended(attempt, null, failedToStart);
        }
    }

    private void launch(I call, int attempt) {
        CompletableFuture<Object> work = Futures.started(() -> strategy.delegate().callAsync(call));
        if (track(work, null, attempt)) {
            work.whenComplete((value, failure) -> ended(attempt, value, failure));
        }
    }

    private void launchOnWorker(I call, int attempt) {
        Cancellation mark = Cancellation.mark();
        FutureTask<Void> task = new FutureTask<>(callerContext.apply(() -> {
            Object value = null;
            Throwable failure = null;
            mark.enter();
            try {
                value = strategy.delegate().call(call);
            } catch (Throwable thrown) {
                failure = thrown;
            } finally {
                mark.exit();
            }
            ended(attempt, value, failure);
        }), null);
        if (track(task, mark, attempt)) {
            try {
                strategy.facilities().workers().execute(task);
            } catch (Throwable refused) {
                ended(attempt, null, strategy.facilities().inFlight().isClosed() ? Futures.shuttingDown(method) : refused);
            }
        }
    }

    /**
     * @return whether the attempt may go on; when the call is already decided it is cancelled
     * instead, and ends no other way
     */
    private boolean track(Future<?> attempt, Cancellation mark, int index) {
        synchronized (this) {
            if (!over()) {
                if (index == 0) {
                    first = attempt;
                } else {
                    if (running == null || index >= running.length) {
                        running = running == null ? new Attempt[Math.max(4, index + 1)]
                                : Arrays.copyOf(running, Math.max(index + 1, running.length * 2));
                    }
                    running[index] = new Attempt(attempt, mark);
                }
                return true;
            }
        }
        attempt.cancel(true);
        return false;
    }

    private void ended(int attempt, Object value, Throwable failure) {
        Throwable last = null;
        synchronized (this) {
            if (attempt == 0) {
                first = null;
            } else if (running != null && attempt < running.length) {
                running[attempt] = null;
            }
            if (over()) {
                return;
            }
            if (failure == null) {
                decided = true;
            } else {
                if (failures == null) {
                    failures = new ArrayList<>(2);
                }
                failures.add(Futures.unwrap(failure));
                if (failures.size() < started) {
                    return;
                }
                decided = true;
                last = lastWithOthersSuppressed();
            }
        }
        if (last != null) {
            result.completeExceptionally(last);
            return;
        }
        try {
            if (attempt > 0) {
                // decided: told before the caller sees the result, so that a caller's next look at the metrics finds it
                strategy.listener().hedgeWon(method, attempt + 1);
            }
        } finally {
            result.complete(value);
        }
    }

    /** Guarded by this. */
    private Throwable lastWithOthersSuppressed() {
        Throwable last = failures.get(failures.size() - 1);
        for (Throwable other : failures.subList(0, failures.size() - 1)) {
            if (other != last) {
                last.addSuppressed(other);
            }
        }
        return last;
    }

    /** Guarded by this. */
    private boolean over() {
        return decided || result.isDone();
    }

    /** Once the result is complete: nothing more starts, and every attempt still running is cancelled. */
    private void finish() {
        Cancellable pending;
        Runnable forgetting;
        Future<?> firstAttempt;
        Attempt[] hedges;
        synchronized (this) {
            pending = timer;
            timer = null;
            forgetting = forget;
            forget = null;
            firstAttempt = first;
            first = null;
            hedges = running == null ? null : running.clone();
            if (running != null) {
                Arrays.fill(running, null);
            }
            // the caller's own attempt: interrupted while it runs on the caller's thread, and only
            // when no one else has interrupted it, so that the flag the run clears is its own
            if (caller != null && !callerInterrupted && !caller.isInterrupted()) {
                callerMark.cancel();
                callerInterrupted = true;
                caller.interrupt();
            }
        }
        if (pending != null) {
            pending.cancel();
        }
        if (firstAttempt != null) {
            firstAttempt.cancel(true);
        }
        if (hedges != null) {
            for (Attempt hedge : hedges) {
                if (hedge != null) {
                    if (hedge.mark() != null) {
                        hedge.mark().cancel();
                    }
                    hedge.future().cancel(true);
                }
            }
        }
        if (forgetting != null) {
            forgetting.run();
        }
    }
}
