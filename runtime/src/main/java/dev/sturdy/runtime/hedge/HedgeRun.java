package dev.sturdy.runtime.hedge;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.time.Cancellable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

/**
 * One hedged call: its attempts side by side, and the one result they make. The first success
 * completes the result; a failure ends only its attempt, and the call fails when every attempt
 * started has failed (the last failure, the others suppressed on it). Once the result is decided,
 * or the caller cancels it, the timer that would start the next hedge is cancelled and every
 * attempt still running is cancelled: a hedge on a worker is interrupted, an async attempt's
 * future cancelled, and a sync call's first attempt, on the caller's thread, interrupted while it
 * is still running there, never after (the flag is cleared once the attempt has left). Thread-safe:
 * the attempts, the count and the failures are guarded by this run.
 *
 * @param <I> the invocation type
 */
final class HedgeRun<I> {

    private final HedgeStrategy<I> strategy;
    private final I invocation;
    private final boolean sync;
    private final UnaryOperator<Runnable> callerContext;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    /** The attempts running, by attempt number from 0; the first of a sync call is the caller's thread. */
    private final Future<?>[] running;
    private final String method;
    private List<Throwable> failures;
    private int started = 1;
    private boolean decided;
    private Thread caller;
    private boolean callerInterrupted;
    private Cancellable timer;
    private Runnable forget;

    HedgeRun(HedgeStrategy<I> strategy, I invocation, boolean sync) {
        this.strategy = strategy;
        this.invocation = invocation;
        this.sync = sync;
        this.callerContext = strategy.facilities().invoker().captureContext();
        this.running = new Future<?>[1 + strategy.policy().maxHedges()];
        this.method = strategy.policy().method();
        this.caller = sync ? Thread.currentThread() : null;
    }

    /** Runs the first attempt on the caller's thread, then waits for the result if hedges are still running. */
    Object runSync() throws Throwable {
        start();
        Object value = null;
        Throwable failure = null;
        try {
            value = strategy.delegate().call(invocation);
        } catch (Throwable thrown) {
            failure = thrown;
        }
        boolean interruptedByRun;
        synchronized (this) {
            caller = null;
            interruptedByRun = callerInterrupted;
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
            RuntimeException cancelled = Futures.interrupted("the hedges of " + method, interrupted);
            result.completeExceptionally(cancelled);
            throw cancelled;
        }
    }

    /** Starts the first attempt; the result completes however the attempts end. */
    CompletableFuture<Object> runAsync() {
        start();
        launch(invocation, 0);
        return result;
    }

    private void start() {
        result.whenComplete((value, failure) -> finish());
        Cancellable first = schedule();
        synchronized (this) {
            timer = first;
        }
    }

    private Cancellable schedule() {
        return strategy.facilities().clock().schedule(callerContext.apply(this::hedge), strategy.delayNanos());
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
        if (more) {
            Cancellable next = schedule();
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
        if (attempt == 1) {
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
        Invoker<I> invoker = strategy.facilities().invoker();
        I detached = invoker.detach(invocation, invoker.arguments(invocation).clone());
        if (sync) {
            launchOnWorker(detached, attempt);
        } else {
            launch(detached, attempt);
        }
    }

    private void launch(I call, int attempt) {
        CompletableFuture<Object> work = Futures.started(() -> strategy.delegate().callAsync(call));
        track(work, attempt);
        work.whenComplete((value, failure) -> ended(attempt, value, failure));
    }

    private void launchOnWorker(I call, int attempt) {
        FutureTask<Void> task = new FutureTask<>(callerContext.apply(() -> {
            Object value = null;
            Throwable failure = null;
            try {
                value = strategy.delegate().call(call);
            } catch (Throwable thrown) {
                failure = thrown;
            }
            ended(attempt, value, failure);
        }), null);
        if (!track(task, attempt)) {
            return;
        }
        try {
            strategy.facilities().workers().execute(task);
        } catch (RejectedExecutionException refused) {
            ended(attempt, null, strategy.facilities().inFlight().isClosed() ? Futures.shuttingDown(method) : refused);
        }
    }

    /** @return whether the attempt may go on; when the call is already decided it is cancelled instead */
    private boolean track(Future<?> attempt, int index) {
        synchronized (this) {
            if (!over()) {
                running[index] = attempt;
                return true;
            }
        }
        attempt.cancel(true);
        return false;
    }

    private void ended(int attempt, Object value, Throwable failure) {
        Throwable last = null;
        synchronized (this) {
            running[attempt] = null;
            if (over()) {
                return;
            }
            if (failure == null) {
                decided = true;
            } else {
                if (failures == null) {
                    failures = new ArrayList<>(running.length);
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
        if (attempt > 0) {
            // decided: told before the caller sees the result, so that a caller's next look at the metrics finds it
            strategy.listener().hedgeWon(method, attempt + 1);
        }
        result.complete(value);
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
        List<Future<?>> cancelled = new ArrayList<>(running.length);
        synchronized (this) {
            pending = timer;
            timer = null;
            forgetting = forget;
            forget = null;
            for (int attempt = 0; attempt < running.length; attempt++) {
                if (running[attempt] != null) {
                    cancelled.add(running[attempt]);
                    running[attempt] = null;
                }
            }
            if (caller != null && !callerInterrupted) {
                callerInterrupted = true;
                caller.interrupt();
            }
        }
        if (pending != null) {
            pending.cancel();
        }
        cancelled.forEach(attempt -> attempt.cancel(true));
        if (forgetting != null) {
            forgetting.run();
        }
    }
}
