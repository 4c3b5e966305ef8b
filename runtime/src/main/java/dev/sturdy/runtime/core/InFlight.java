package dev.sturdy.runtime.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work that outlives the call that started it (async retries waiting for their next attempt,
 * fan-outs), so that shutting down can cancel it instead of leaving callers waiting forever or
 * tasks running with nobody to see their result. Thread-safe.
 */
public final class InFlight {

    private final Set<Runnable> cancellations = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param cancel cancels the work; run at once if shutdown has already begun
     * @return forgets the work, once it has ended
     */
    public Runnable register(Runnable cancel) {
        cancellations.add(cancel);
        if (closed) {
            cancelAll();
        }
        return () -> cancellations.remove(cancel);
    }

    /**
     * Cancels all registered work, and any registered from now on.
     */
    public void cancelAll() {
        closed = true;
        for (Runnable cancel : List.copyOf(cancellations)) {
            cancellations.remove(cancel);
            cancel.run();
        }
    }

    /**
     * @return how much work is registered now
     */
    public int size() {
        return cancellations.size();
    }
}
