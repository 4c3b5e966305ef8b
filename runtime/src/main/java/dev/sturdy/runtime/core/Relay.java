package dev.sturdy.runtime.core;

import java.util.concurrent.CompletableFuture;

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
