package dev.sturdy.runtime.bulkhead;

import dev.sturdy.exception.BulkheadFullException;
import dev.sturdy.runtime.core.PolicyValues;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The permits of one bulkhead, shared by every method that uses it, and the queue of calls
 * waiting for one. Never more than {@code maxConcurrent} permits are out. A freed permit goes
 * straight to the longest-waiting call, so waiters are served in arrival order and new arrivals
 * cannot overtake them. Each waiter's fate is decided once, by a compare-and-set between being
 * granted a permit and giving up (cancelled, timed out, interrupted), so a permit is neither lost
 * nor handed out twice. Thread-safe; taking and returning a permit without waiters takes no lock
 * and, thanks to {@link Permits}, rarely touches memory another thread is writing.
 *
 * @see BulkheadStrategy
 */
public final class Bulkhead {

    /** No permit. */
    static final int NONE = -1;

    private final BulkheadPolicy policy;
    private final Permits permits;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private volatile int waiting;

    /**
     * @param policy the bulkhead's limits
     */
    public Bulkhead(BulkheadPolicy policy) {
        this.policy = policy;
        this.permits = new Permits(policy.maxConcurrent());
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
        return policy.maxConcurrent() - permits.free();
    }

    /**
     * @return calls waiting for a permit now
     */
    public int waiting() {
        return waiting;
    }

    /**
     * @return the permit taken, to {@link #release} later, or {@link #NONE}; never a permit while
     * calls are waiting
     */
    int tryAcquire() {
        return waiting != 0 ? NONE : permits.take();
    }

    /**
     * Returns a permit: to the longest-waiting call if there is one, else to the pool.
     *
     * @param permit what {@link #tryAcquire()} returned or a {@link Waiter} was granted
     */
    void release(int permit) {
        if (waiting == 0) {
            permits.put(permit);
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
                permits.put(permit);
                return;
            }
        }
        if (!next.grant(permit)) {
            release(permit);
        }
    }

    /**
     * Queues a call for the next free permit.
     *
     * @return the waiter, whose {@link Waiter#decision()} completes with the permit it was granted,
     * or {@link #NONE} when it gave up; {@code null} when {@code maxWaiting} calls are already waiting
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
                + PolicyValues.format(policy.maxWait()) + " (" + policy.maxConcurrent() + " calls running)");
    }

    private void grantWaiters() {
        while (true) {
            Waiter next;
            int permit;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    return;
                }
                permit = permits.take();
                if (permit == NONE) {
                    return;
                }
                next = queue.poll();
                waiting = queue.size();
            }
            if (!next.grant(permit)) {
                permits.put(permit);
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
     * A call waiting for a permit. Its decision is made once: the permit handed to it, or
     * {@link #NONE} when it gave up first.
     */
    static final class Waiter {

        private final Bulkhead bulkhead;
        private final CompletableFuture<Integer> decision = new CompletableFuture<>();

        private Waiter(Bulkhead bulkhead) {
            this.bulkhead = bulkhead;
        }

        /** @return completes with the permit granted, or {@link #NONE} */
        CompletableFuture<Integer> decision() {
            return decision;
        }

        /**
         * Gives up waiting, unless a permit was already handed over. May be called more than once
         * (a sync caller's wait can run out and be interrupted at the same time).
         *
         * @return whether the call holds no permit; {@code false} means a permit was handed to it
         * and it must release it
         */
        boolean abandon() {
            if (decision.complete(NONE)) {
                bulkhead.forget(this);
                return true;
            }
            return decision.join() == NONE;
        }

        private boolean grant(int permit) {
            return decision.complete(permit);
        }
    }
}
