package dev.sturdy.runtime.bulkhead;

import dev.sturdy.exception.BulkheadFullException;
import dev.sturdy.runtime.core.Policies;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The permits of one bulkhead, shared by every method that uses it, and the queue of calls
 * waiting for one. Never more than {@code maxConcurrent} permits are out. A freed permit goes
 * straight to the longest-waiting call, so waiters are served in arrival order and new arrivals
 * cannot overtake them. Each waiter's fate is decided once, by a compare-and-set between being
 * granted a permit and giving up (cancelled, timed out, interrupted), so a permit is neither lost
 * nor handed out twice. Thread-safe; taking and returning a permit without waiters is two atomic
 * operations and takes no lock.
 *
 * @see BulkheadStrategy
 */
public final class Bulkhead {

    private final BulkheadPolicy policy;
    private final AtomicInteger available;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private volatile int waiting;

    /**
     * @param policy the bulkhead's limits
     */
    public Bulkhead(BulkheadPolicy policy) {
        this.policy = policy;
        this.available = new AtomicInteger(policy.maxConcurrent());
    }

    /**
     * @return the policy this bulkhead was built from
     */
    public BulkheadPolicy policy() {
        return policy;
    }

    /**
     * @return executions holding a permit now
     */
    public int running() {
        return policy.maxConcurrent() - available.get();
    }

    /**
     * @return calls waiting for a permit now
     */
    public int waiting() {
        return waiting;
    }

    /**
     * @return whether a permit was free and is now the caller's; never when calls are waiting
     */
    boolean tryAcquire() {
        if (waiting != 0) {
            return false;
        }
        return takeAvailable();
    }

    /**
     * Returns a permit: to the longest-waiting call if there is one, else to the pool.
     */
    void release() {
        if (waiting == 0) {
            available.incrementAndGet();
            if (waiting == 0) {
                return;
            }
            // a call queued while the permit went back: make sure it is not left waiting
            grantWaiters();
            return;
        }
        Waiter next;
        synchronized (queue) {
            next = queue.poll();
            waiting = queue.size();
            if (next == null) {
                available.incrementAndGet();
                return;
            }
        }
        if (!next.decide(true)) {
            release();
        }
    }

    /**
     * Queues a call for the next free permit.
     *
     * @return the waiter, whose {@link Waiter#decision()} completes with {@code true} once it holds
     * a permit, or {@code null} when {@code maxWaiting} calls are already waiting
     */
    Waiter enqueue() {
        Waiter waiter = new Waiter(this);
        synchronized (queue) {
            if (queue.size() >= policy.maxWaiting()) {
                return null;
            }
            queue.add(waiter);
            waiting = queue.size();
        }
        // a permit may have gone back while this call was queueing
        grantWaiters();
        return waiter;
    }

    /** @return the exception for a call that found no permit and no room to wait */
    BulkheadFullException full() {
        return new BulkheadFullException("bulkhead " + policy.name() + " is full: " + policy.maxConcurrent()
                + " calls running and " + waiting + " of " + policy.maxWaiting() + " allowed waiting");
    }

    /** @return the exception for a sync caller whose wait ran out */
    BulkheadFullException waitedTooLong() {
        return new BulkheadFullException("bulkhead " + policy.name() + " had no free permit within "
                + Policies.format(policy.maxWait()) + " (" + policy.maxConcurrent() + " calls running)");
    }

    private void grantWaiters() {
        while (true) {
            Waiter next;
            synchronized (queue) {
                if (queue.isEmpty() || !takeAvailable()) {
                    return;
                }
                next = queue.poll();
                waiting = queue.size();
            }
            if (!next.decide(true)) {
                available.incrementAndGet();
            }
        }
    }

    private boolean takeAvailable() {
        while (true) {
            int free = available.get();
            if (free == 0) {
                return false;
            }
            if (available.compareAndSet(free, free - 1)) {
                return true;
            }
        }
    }

    private void forget(Waiter waiter) {
        synchronized (queue) {
            queue.remove(waiter);
            waiting = queue.size();
        }
    }

    /**
     * A call waiting for a permit. Its decision is made once: {@code true} when a permit was handed
     * to it, {@code false} when it gave up first.
     */
    static final class Waiter {

        private final Bulkhead bulkhead;
        private final CompletableFuture<Boolean> decision = new CompletableFuture<>();

        private Waiter(Bulkhead bulkhead) {
            this.bulkhead = bulkhead;
        }

        /** @return completes with whether the call got a permit */
        CompletableFuture<Boolean> decision() {
            return decision;
        }

        /**
         * Gives up waiting, unless a permit was already handed over.
         *
         * @return whether the call gave up; {@code false} means it holds a permit and must release it
         */
        boolean abandon() {
            if (decide(false)) {
                bulkhead.forget(this);
                return true;
            }
            return false;
        }

        private boolean decide(boolean granted) {
            return decision.complete(granted);
        }
    }
}
