package dev.sturdy.runtime.core;

import dev.sturdy.runtime.time.Cancellable;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The future an async caller holds while the work behind it is started later, or replaced (a
 * retry's next attempt, a fallback after a failure). Cancelling the caller's future cancels the
 * work in flight, whenever that work was started, and runs an extra action (calling off a timer,
 * leaving a queue). Thread-safe.
 */
public final class Relay {

    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private volatile CompletableFuture<Object> inFlight;

    /**
     * @param onCancel what else to call off when the caller cancels
     */
    public Relay(Runnable onCancel) {
        Futures.whenCancelled(result, () -> {
            onCancel.run();
            CompletableFuture<Object> work = inFlight;
            if (work != null) {
                work.cancel(true);
            }
        });
    }

    /**
     * Starts work later: after {@code delayNanos} on the clock, in the caller's context (captured
     * now). Cancelling the future returned cancels the wait, or the work once started; shutting
     * down ends the wait with {@code shuttingDown}'s exception.
     *
     * @param facilities the clock, the invoker that carries the caller's context, where the wait registers
     * @param start starts the work; a failure to start is the future's
     * @return the caller's future
     */
    public static CompletableFuture<Object> later(Facilities<?> facilities, long delayNanos,
            Supplier<CompletableFuture<Object>> start, Supplier<CancellationException> shuttingDown) {
        AtomicReference<Cancellable> timer = new AtomicReference<>();
        Relay relay = new Relay(() -> timer.get().cancel());
        timer.set(facilities.clock().schedule(facilities.invoker().captureContext().apply(() -> {
            if (!relay.result().isDone()) {
                relay.follow(Futures.started(start));
            }
        }), delayNanos));
        Runnable forget = facilities.inFlight().register(() -> relay.result().completeExceptionally(shuttingDown.get()));
        relay.result().whenComplete((value, failure) -> forget.run());
        return relay.result();
    }

    /** A relay with nothing to call off but the work. */
    public Relay() {
        this(() -> { });
    }

    /**
     * @return the caller's future
     */
    public CompletableFuture<Object> result() {
        return result;
    }

    /**
     * Makes {@code work} the work in flight: cancelled at once if the caller has already given up.
     *
     * @return {@code work}
     */
    public CompletableFuture<Object> track(CompletableFuture<Object> work) {
        inFlight = work;
        if (result.isDone()) {
            work.cancel(true);
        }
        return work;
    }

    /**
     * Makes {@code work} the work in flight and completes the caller's future as it completes.
     */
    public void follow(CompletableFuture<Object> work) {
        track(work).whenComplete(Futures.completing(result));
    }
}
