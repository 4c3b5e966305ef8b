package dev.sturdy.runtime.fanout;

import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.core.Strategy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Applies a {@link FanoutPolicy}: splits one call's items into chunks and runs each chunk, with
 * its own copy of the invocation, through the strategies inside this one. A sync method's chunks
 * run on the executor while the caller waits; an async method's chunks are started without
 * blocking anyone. See {@link FanoutRun} for the rules a run keeps. Thread-safe.
 *
 * @param <I> the invocation type
 */
public final class FanoutStrategy<I> implements Strategy<I> {

    private final FanoutPolicy policy;
    private final FanoutShape shape;
    private final Strategy<I> delegate;
    private final Facilities<I> facilities;
    private final Executor executor;
    private final FanoutListener listener;

    /**
     * @param policy what to do
     * @param shape where the items are and how results merge
     * @param delegate the strategies each chunk runs through
     * @param facilities the invoker that detaches a chunk's invocation and carries the caller's
     *                   context to it, where running fan-outs register, the clock that times chunks
     * @param executor runs a sync method's chunks; must be able to run {@code parallelism} at once
     * @param listener told how every chunk ended
     */
    public FanoutStrategy(FanoutPolicy policy, FanoutShape shape, Strategy<I> delegate, Facilities<I> facilities,
            Executor executor,
                          FanoutListener listener) {
        this.policy = policy;
        this.shape = shape;
        this.delegate = delegate;
        this.facilities = facilities;
        this.executor = executor;
        this.listener = listener;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        FanoutRun<I> run = new SyncFanoutRun<>(this, invocation);
        CompletableFuture<Object> result = run.start();
        try {
            return Futures.await(result);
        } catch (InterruptedException interrupted) {
            run.cancel();
            throw Futures.interrupted("the chunks of " + policy.method(), interrupted);
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        AsyncFanoutRun<I> run;
        try {
            run = new AsyncFanoutRun<>(this, invocation);
        } catch (RuntimeException unusableItems) {
            return CompletableFuture.failedFuture(unusableItems);
        }
        return run.start();
    }

    FanoutPolicy policy() {
        return policy;
    }

    FanoutShape shape() {
        return shape;
    }

    Strategy<I> delegate() {
        return delegate;
    }

    Invoker<I> invoker() {
        return facilities.invoker();
    }

    Executor executor() {
        return executor;
    }

    InFlight inFlight() {
        return facilities.inFlight();
    }

    FanoutListener listener() {
        return listener;
    }

    SturdyClock clock() {
        return facilities.clock();
    }
}
