package dev.sturdy.runtime.fanout;

import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.time.SturdyClock;
import dev.sturdy.runtime.core.Strategy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
    private final Invoker<I> invoker;
    private final Executor executor;
    private final InFlight inFlight;
    private final FanoutListener listener;
    private final SturdyClock clock;

    /**
     * @param policy what to do
     * @param shape where the items are and how results merge
     * @param delegate the strategies each chunk runs through
     * @param invoker detaches a chunk's invocation and carries the caller's context to it
     * @param executor runs a sync method's chunks; must be able to run {@code parallelism} at once
     * @param inFlight where running fan-outs register, to be cancelled at shutdown
     * @param listener told how every chunk ended
     * @param clock times the chunks
     */
    public FanoutStrategy(FanoutPolicy policy, FanoutShape shape, Strategy<I> delegate, Invoker<I> invoker, Executor executor,
                          InFlight inFlight, FanoutListener listener, SturdyClock clock) {
        this.policy = policy;
        this.shape = shape;
        this.delegate = delegate;
        this.invoker = invoker;
        this.executor = executor;
        this.inFlight = inFlight;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public Object call(I invocation) throws Throwable {
        FanoutRun<I> run = new SyncFanoutRun<>(this, invocation);
        CompletableFuture<Object> result = run.start();
        try {
            return result.get();
        } catch (ExecutionException failed) {
            throw failed.getCause();
        } catch (InterruptedException interrupted) {
            run.cancel();
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException(policy.method() + " was interrupted while its chunks ran");
            cancelled.initCause(interrupted);
            throw cancelled;
        }
    }

    @Override
    public CompletableFuture<Object> callAsync(I invocation) {
        return new AsyncFanoutRun<>(this, invocation).start();
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
        return invoker;
    }

    Executor executor() {
        return executor;
    }

    InFlight inFlight() {
        return inFlight;
    }

    FanoutListener listener() {
        return listener;
    }

    SturdyClock clock() {
        return clock;
    }
}
