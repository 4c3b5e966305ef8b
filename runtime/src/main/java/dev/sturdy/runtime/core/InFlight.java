package dev.sturdy.runtime.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work that waits on Sturdy beyond the call that started it (async retries, fan-outs, async calls
 * under a timeout or waiting for a permit or a token, sync callers queued for a permit), so that
 * shutting down can end it, rather than leave callers waiting for timers that will never run.
 * Shutting down comes in two steps, as in asyncio practice: {@link #drain} (graceful: work in flight
 * may finish, no retry delay starts that would end after the grace period), then {@link #cancelAll}
 * (whatever is left ends at once, exceptionally). Thread-safe.
 */
public final class InFlight {

    private static final System.Logger LOG = System.getLogger(InFlight.class.getName());

    private final Set<Runnable> cancellations = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;
    private volatile long graceEndsAt;
    private volatile boolean closed;

    /**
     * @param cancel ends the work exceptionally (see {@link Futures#shuttingDown}); run at once if
     *               the application is already shutting down
     * @return forgets the work, once it has ended
     */
    public Runnable register(Runnable cancel) {
        cancellations.add(cancel);
        if (closed) {
            cancelAll();
        }
        return () -> {
            cancellations.remove(cancel);
            if (draining && cancellations.isEmpty()) {
                drained.complete(null);
            }
        };
    }

    /**
     * Starts a graceful shutdown: work in flight goes on; from now on no wait longer than what is
     * left of the grace period is started (see {@link #admitsDelay}).
     *
     * @param graceEndsAt when the grace period ends, on the clock the delays are measured with
     * @return completes when no work is left
     */
    public CompletionStage<Void> drain(long graceEndsAt) {
        this.graceEndsAt = graceEndsAt;
        draining = true;
        if (cancellations.isEmpty()) {
            drained.complete(null);
        }
        return drained;
    }

    /**
     * @param now the clock's time
     * @param delayNanos a wait about to start, at least 0
     * @return whether it may start: no shutdown has begun, or it ends within the grace period
     */
    public boolean admitsDelay(long now, long delayNanos) {
        return !closed && (!draining || graceEndsAt - now - delayNanos >= 0);
    }

    /**
     * Ends all registered work, and any registered from now on.
     */
    public void cancelAll() {
        closed = true;
        for (Runnable cancel : List.copyOf(cancellations)) {
            if (cancellations.remove(cancel)) {
                try {
                    cancel.run();
                } catch (RuntimeException | Error failed) {
                    // one call's end going wrong must not keep the others, and shutdown, waiting
                    LOG.log(System.Logger.Level.WARNING, "ending a call at shutdown failed", failed);
                }
            }
        }
        drained.complete(null);
    }

    /**
     * @return whether {@link #cancelAll} has run: the application is shutting down
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * @return how much work is registered now
     */
    public int size() {
        return cancellations.size();
    }
}
