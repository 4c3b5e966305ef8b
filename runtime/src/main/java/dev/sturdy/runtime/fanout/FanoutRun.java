package dev.sturdy.runtime.fanout;

import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.exception.FanoutException;
import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Trampoline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * One fan-out call. Chunks are cut from the items only when a slot is free, so at most
 * {@code parallelism} chunks (and their tasks) exist at any time, however many items there are.
 * Results are merged in input order as soon as every earlier chunk has finished. FAIL_FAST: the
 * first failure stops new chunks, cancels those in flight, waits for them to end (no task is left
 * behind), then fails the call with that failure, later ones suppressed. COLLECT: every chunk runs
 * and failures are reported together. Cancelling the result, or shutting down, cancels every
 * chunk. Thread-safe: its state is guarded by its own lock, held only briefly.
 *
 * @param <I> the invocation type
 */
final class FanoutRun<I> {

    private final FanoutStrategy<I> strategy;
    private final I invocation;
    private final boolean async;
    private final Object[] arguments;
    private final UnaryOperator<Runnable> callerContext;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private final boolean collect;

    // guarded by this
    private final Iterator<?> items;
    private final Map<Integer, Chunk> running = new HashMap<>();
    private final Map<Integer, Chunk> finishedEarly = new HashMap<>();
    private final Object merged;
    private final List<Object> partial;
    private final Map<Integer, Throwable> failuresByItem = new LinkedHashMap<>();
    private final List<Throwable> laterFailures = new ArrayList<>();
    private Throwable firstFailure;
    private int nextItem;
    private int nextChunk;
    private int nextToMerge;
    private boolean stopped;
    private boolean finished;
    private Runnable forget = () -> { };

    FanoutRun(FanoutStrategy<I> strategy, I invocation, boolean async) {
        this.strategy = strategy;
        this.invocation = invocation;
        this.async = async;
        this.arguments = strategy.invoker().arguments(invocation).clone();
        this.callerContext = strategy.invoker().captureContext();
        this.collect = strategy.policy().errors() == FanoutErrors.COLLECT;
        this.items = strategy.shape().items(arguments).iterator();
        this.merged = strategy.shape().empty();
        this.partial = collect ? new ArrayList<>() : null;
    }

    CompletableFuture<Object> start() {
        forget = strategy.inFlight().register(this::cancel);
        Futures.whenCancelled(result, this::cancel);
        result.whenComplete((value, failure) -> forget.run());
        launch();
        return result;
    }

    /** Stops the run: no new chunks, every chunk in flight cancelled, the result cancelled now. */
    void cancel() {
        List<Chunk> toCancel;
        synchronized (this) {
            stopped = true;
            toCancel = List.copyOf(running.values());
        }
        toCancel.forEach(Chunk::cancel);
        result.cancel(true);
    }

    /** Starts chunks while slots are free and items remain. */
    private void launch() {
        List<Chunk> started = new ArrayList<>();
        boolean finishNow;
        synchronized (this) {
            while (!stopped && running.size() < strategy.policy().parallelism() && items.hasNext()) {
                Chunk chunk = cut();
                running.put(chunk.index, chunk);
                started.add(chunk);
            }
            finishNow = !finished && running.isEmpty() && (stopped || !items.hasNext());
            finished |= finishNow;
        }
        if (finishNow) {
            finish();
        }
        started.forEach(chunk -> Trampoline.run(chunk::start));
    }

    private Chunk cut() {
        List<Object> chunkItems = new ArrayList<>(strategy.policy().batchSize());
        while (chunkItems.size() < strategy.policy().batchSize() && items.hasNext()) {
            chunkItems.add(items.next());
        }
        Chunk chunk = async ? new AsyncChunk(nextChunk, nextItem, chunkItems) : new SyncChunk(nextChunk, nextItem, chunkItems);
        nextChunk++;
        nextItem += chunkItems.size();
        return chunk;
    }

    /** Called once per chunk, when it has ended one way or another. */
    private void ended(Chunk chunk, Object value, Throwable failure) {
        Throwable problem = failure == null && !strategy.shape().accepts(value)
                ? new IllegalStateException(strategy.policy().method() + " returned " + value + " for a chunk; expected a "
                + (strategy.shape().results() == FanoutShape.Results.MERGED_MAP ? "Map" : "Collection"))
                : failure;
        List<Chunk> toCancel = List.of();
        synchronized (this) {
            running.remove(chunk.index);
            chunk.value = value;
            chunk.failure = problem;
            if (problem != null) {
                toCancel = failed(chunk, problem);
            }
            finishedEarly.put(chunk.index, chunk);
            mergeInOrder();
        }
        toCancel.forEach(Chunk::cancel);
        launch();
    }

    private List<Chunk> failed(Chunk chunk, Throwable failure) {
        if (collect) {
            for (int item = chunk.firstItem; item < chunk.firstItem + chunk.size; item++) {
                failuresByItem.put(item, failure);
            }
            return List.of();
        }
        if (firstFailure == null) {
            firstFailure = failure;
            stopped = true;
            return List.copyOf(running.values());
        }
        if (!(failure instanceof CancellationException) && failure != firstFailure) {
            laterFailures.add(failure);
        }
        return List.of();
    }

    private void mergeInOrder() {
        for (Chunk next = finishedEarly.remove(nextToMerge); next != null; next = finishedEarly.remove(nextToMerge)) {
            if (next.failure == null) {
                strategy.shape().merge(merged, next.value, next.size, partial);
            } else if (partial != null) {
                partial.addAll(Collections.nCopies(next.size, null));
            }
            nextToMerge++;
        }
    }

    private void finish() {
        Throwable failure;
        FanoutException collected = null;
        synchronized (this) {
            failure = firstFailure;
            laterFailures.forEach(failure == null ? later -> { } : failure::addSuppressed);
            if (!failuresByItem.isEmpty()) {
                long failedChunks = failuresByItem.values().stream().distinct().count();
                collected = new FanoutException(strategy.policy().method() + ": " + failedChunks + " chunk(s) failed, "
                        + failuresByItem.size() + " of " + nextItem + " items without a result", partial, failuresByItem);
            }
        }
        if (failure != null) {
            result.completeExceptionally(failure);
        } else if (collected != null) {
            result.completeExceptionally(collected);
        } else {
            result.complete(merged);
        }
    }

    /** One chunk: where its items start in the input, how many there are, and how it ended. */
    private abstract class Chunk {

        final int index;
        final int firstItem;
        final int size;
        private List<Object> items;
        Object value;
        Throwable failure;

        Chunk(int index, int firstItem, List<Object> items) {
            this.index = index;
            this.firstItem = firstItem;
            this.size = items.size();
            this.items = items;
        }

        /** @return the chunk's own invocation; the items are then the invocation's alone */
        I invocation() {
            I chunkInvocation = strategy.invoker().detach(invocation, strategy.shape().withChunk(arguments, items));
            items = null;
            return chunkInvocation;
        }

        abstract void start();

        abstract void cancel();
    }

    /** A sync method's chunk: a task on the executor, interrupted when cancelled while it runs. */
    private final class SyncChunk extends Chunk {

        private final FutureTask<Object> task;

        SyncChunk(int index, int firstItem, List<Object> items) {
            super(index, firstItem, items);
            this.task = new FutureTask<>(() -> {
                try {
                    return strategy.delegate().call(invocation());
                } catch (Throwable failure) {
                    throw Futures.sneakyThrow(failure);
                }
            }) {
                @Override
                public void run() {
                    super.run();
                    report(this);
                }
            };
        }

        @Override
        void start() {
            try {
                strategy.executor().execute(callerContext.apply(task));
            } catch (RuntimeException rejected) {
                task.cancel(false);
                ended(this, null, rejected);
            }
        }

        @Override
        void cancel() {
            task.cancel(true);
        }

        private void report(FutureTask<Object> done) {
            try {
                ended(this, done.get(), null);
            } catch (CancellationException cancelled) {
                ended(this, null, cancelled);
            } catch (ExecutionException failed) {
                ended(this, null, failed.getCause());
            } catch (InterruptedException impossible) {
                Thread.currentThread().interrupt();
                ended(this, null, impossible);
            }
        }
    }

    /** An async method's chunk: started on the launching thread, cancelled through its future. */
    private final class AsyncChunk extends Chunk {

        private volatile CompletableFuture<Object> work;
        private volatile boolean cancelled;

        AsyncChunk(int index, int firstItem, List<Object> items) {
            super(index, firstItem, items);
        }

        @Override
        void start() {
            Trampoline.run(callerContext.apply(() -> {
                CompletableFuture<Object> started = strategy.delegate().callAsync(invocation());
                work = started;
                if (cancelled) {
                    started.cancel(true);
                }
                started.whenComplete((value, failure) -> ended(this, value, failure == null ? null : Futures.unwrap(failure)));
            }));
        }

        @Override
        void cancel() {
            cancelled = true;
            CompletableFuture<Object> started = work;
            if (started != null) {
                started.cancel(true);
            }
        }
    }
}
