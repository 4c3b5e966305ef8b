package dev.sturdy.runtime.bulkhead;

import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.PolicyValues;
import dev.sturdy.runtime.core.Relay;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.core.Trampoline;
import dev.sturdy.runtime.time.Cancellable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Applies a {@link Bulkhead}. A sync call takes a permit, or waits for one up to {@code maxWait}
 * when {@code maxWaiting} allows, and returns it in a {@code finally}. An async call takes a
 * permit or queues without blocking any thread, starts in arrival order when a permit frees, and
 * holds its permit until its future completes; cancelling it while queued removes it, and it never
 * runs. Thread-safe; a sync call that finds a free permit allocates nothing.
 *
 * @param <I> the invocation type
 */
public final class BulkheadStrategy<I> implements Strategy<I> {

    private final Bulkhead bulkhead;
    private final Strategy<I> delegate;
    private final Facilities<I> facilities;
    private final BulkheadListener listener;

    /**
     * @param bulkhead the permits, possibly shared with other methods
     * @param delegate the strategy inside this one
     * @param facilities the clock that times a sync caller's wait, the invoker that carries the
     *                   caller's context to queued async calls
     * @param listener told about every rejection
     */
    public BulkheadStrategy(Bulkhead bulkhead, Strategy<I> delegate, Facilities<I> facilities, BulkheadListener listener) {
        this.bulkhead = bulkhead;
        this.delegate = delegate;
        this.facilities = facilities;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        int permit = bulkhead.tryAcquire();
        if (permit == Bulkhead.NONE) {
            permit = awaitPermit();
        }
        try {
            return delegate.call(invocation);
        } finally {
            bulkhead.release(permit);
        }
    }

    private int awaitPermit() throws InterruptedException {
        Bulkhead.Waiter waiter = bulkhead.policy().syncCallersWait() ? bulkhead.enqueue() : null;
        if (waiter == null) {
            listener.rejected(bulkhead.policy().name());
            throw bulkhead.full();
        }
        long maxWait = PolicyValues.saturatedNanos(bulkhead.policy().maxWait());
        Cancellable timer = facilities.clock().schedule(waiter::abandon, maxWait);
        Runnable forget = facilities.inFlight().register(waiter::abandon);
        try {
            int permit = waiter.decision().get();
            if (permit == Bulkhead.NONE && facilities.inFlight().isClosed()) {
                throw Futures.shuttingDown("a call waiting for a permit of bulkhead " + bulkhead.policy().name());
            }
            if (permit == Bulkhead.NONE) {
                listener.rejected(bulkhead.policy().name());
                throw bulkhead.waitedTooLong();
            }
            return permit;
        } catch (InterruptedException interrupted) {
            if (!waiter.abandon()) {
                bulkhead.release(waiter.decision().join());
            }
            throw Futures.interrupted("a permit of bulkhead " + bulkhead.policy().name(), interrupted);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            timer.cancel();
            forget.run();
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        int permit = bulkhead.tryAcquire();
        if (permit != Bulkhead.NONE) {
            return holding(permit, invocation);
        }
        Bulkhead.Waiter waiter = bulkhead.enqueue();
        if (waiter == null) {
            listener.rejected(bulkhead.policy().name());
            return CompletableFuture.failedFuture(bulkhead.full());
        }
        Relay relay = new Relay(waiter::abandon);
        Runnable start = facilities.invoker().captureContext().apply(() -> relay.follow(holding(waiter.decision().join(),
                invocation)));
        Runnable forget = facilities.inFlight().register(() -> relay.result().completeExceptionally(
                Futures.shuttingDown("a call waiting for a permit of bulkhead " + bulkhead.policy().name())));
        relay.result().whenComplete((value, failure) -> forget.run());
        waiter.decision().thenAccept(granted -> {
            if (granted != Bulkhead.NONE) {
                Trampoline.run(start);
            }
        });
        return relay.result();
    }

    private CompletableFuture<Object> holding(int permit, I invocation) {
        // a failure to start is the future's too, so that the permit always goes back
        CompletableFuture<Object> work = Futures.started(() -> delegate.callAsync(invocation));
        work.whenComplete((value, failure) -> bulkhead.release(permit));
        return work;
    }
}
