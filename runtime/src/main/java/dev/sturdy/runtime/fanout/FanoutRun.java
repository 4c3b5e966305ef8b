package dev.sturdy.runtime.fanout;

import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.exception.FanoutException;
import dev.sturdy.runtime.core.Futures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * One fan-out call: copies a collection's items when the call starts (so that a change to the
 * collection during the call, by any thread, neither loses nor adds items), or opens a lazy source
 * (see {@link FanoutItems}); cuts chunks only when one can start, so that at most
 * {@code parallelism} chunks run at any time however many items there are; merges results in
 * input order as soon as every earlier chunk has ended; and decides the outcome. Memory stays
 * bounded by {@code parallelism}, beyond that one reference per item: no chunk starts more than {@link #WINDOW_PER_SLOT} times
 * {@code parallelism} chunks after the oldest one still running, so results that are waiting for
 * an earlier chunk to merge cannot pile up (a chunk that many times slower than the others holds
 * the rest back until it ends). FAIL_FAST: the
 * first failure stops new chunks and cancels those in flight; the call fails with it, later ones
 * suppressed, once every chunk in flight has ended (no task is left behind). COLLECT: every chunk
 * runs and failures are reported together. A lazy source that fails while drawn stops new chunks
 * and fails the call with its exception once the chunks in flight have ended (FAIL_FAST cancels
 * them); a {@code Stream} is closed when the call ends, however it ends. Cancelling the result, or
 * shutting down, cancels every chunk. How chunks are run is the subclasses' part. Thread-safe: the state is guarded by the
 * run's own lock, held only briefly.
 *
 * @param <I> the invocation type
 * @see SyncFanoutRun
 * @see AsyncFanoutRun
 */
abstract class FanoutRun<I> {

    /** How many chunks per slot may end before the oldest one still running. */
    static final int WINDOW_PER_SLOT = 4;

    /**
     * Returned by {@link #draw()}: the source failed while drawn; no chunk starts again,
     * and with FAIL_FAST the chunks in flight must be cancelled.
     */
    static final Chunk SOURCE_FAILED = new Chunk(-1, -1, List.of(), 0);

    final FanoutStrategy<I> strategy;
    final UnaryOperator<Runnable> callerContext;
    final CompletableFuture<Object> result = new CompletableFuture<>();
    private final I invocation;
    private final Object[] arguments;
    private final boolean collect;
    private final long window;
    private final FanoutItems items;
    private final FanoutProgress progress;

    // guarded by this
    private final Map<Integer, Chunk> endedEarly = new HashMap<>();
    private final Object merged;
    private final List<Object> partial;
    private final Map<Integer, Throwable> failuresByItem = new LinkedHashMap<>();
    private final List<Throwable> laterFailures = new ArrayList<>();
    private Throwable firstFailure;
    private boolean drawnOut;
    private int drawing;
    private int nextItem;
    private int nextChunk;
    private int nextToMerge;
    private boolean stopped;
    private boolean finished;

    FanoutRun(FanoutStrategy<I> strategy, I invocation) {
        this.strategy = strategy;
        this.invocation = invocation;
        this.arguments = strategy.invoker().arguments(invocation).clone();
        this.callerContext = strategy.invoker().captureContext();
        this.collect = strategy.policy().errors() == FanoutErrors.COLLECT;
        this.items = strategy.shape().items(arguments, strategy.policy().method());
        this.window = (long) WINDOW_PER_SLOT * strategy.policy().parallelism();
        this.merged = strategy.shape().empty();
        this.partial = collect ? new ArrayList<>() : null;
        this.progress = new FanoutProgress(strategy.policy().method(), items.size());
    }

    CompletableFuture<Object> start() {
        Runnable forget = strategy.inFlight().register(() -> stop(Futures.shuttingDown(strategy.policy().method())));
        Futures.whenCancelled(result, this::cancel);
        strategy.listener().fanoutStarted(progress);
        result.whenComplete((value, failure) -> {
            forget.run();
            strategy.listener().fanoutEnded(progress, failure);
        });
        long chunkCount = items.size() < 0 ? Long.MAX_VALUE
                : (items.size() + strategy.policy().batchSize() - 1) / strategy.policy().batchSize();
        if (chunkCount == 0) {
            result.complete(merged);
        } else {
            begin((int) Math.min(strategy.policy().parallelism(), chunkCount));
        }
        return result;
    }

    /**
     * Starts running chunks.
     *
     * @param slots how many chunks may run at once: {@code parallelism}, or fewer if there are fewer chunks
     */
    abstract void begin(int slots);

    /** Cancels whatever runs the chunks in flight; called outside the lock. */
    abstract void cancelInFlight();

    /**
     * Stops the run: no new chunks, the result cancelled now, then every chunk in flight cancelled
     * (in that order, so that a chunk failing from its interrupt cannot decide the outcome first).
     */
    void cancel() {
        stop(null);
    }

    /**
     * @param reason what the result fails with; {@code null} to cancel it
     */
    private void stop(CancellationException reason) {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        if (reason == null) {
            result.cancel(true);
        } else {
            result.completeExceptionally(reason);
        }
        cancelInFlight();
    }

    /**
     * Stops the run because its chunks cannot be run (the executor refuses them while shutting
     * down): it fails with {@code problem} once nothing is in flight, whatever {@code errors} says.
     */
    synchronized void abort(Throwable problem) {
        stopped = true;
        notifyAll();
        if (firstFailure == null) {
            firstFailure = problem;
        }
    }

    /**
     * Draws the next chunk for a sync worker, waiting while the window is full.
     *
     * @return the chunk to run, {@code null} when there is none (all drawn, stopped, or the waiting
     * worker was interrupted), or {@link #SOURCE_FAILED}
     */
    Chunk nextChunk() {
        synchronized (this) {
            while (!noneLeft() && windowFull()) {
                try {
                    wait();
                } catch (InterruptedException cancelled) {
                    return null;
                }
            }
            if (noneLeft()) {
                return null;
            }
            reserveDraw();
        }
        return draw();
    }

    /** Under the run's lock: whether the run has stopped (a failure with FAIL_FAST, a cancellation, an abort). */
    boolean stopped() {
        return stopped;
    }

    /** Under the run's lock: whether no chunk is left to draw (all drawn, or the run stopped). */
    boolean noneLeft() {
        return stopped || drawnOut;
    }

    /**
     * Under the run's lock: whether the next chunk would start too far after the oldest one still
     * running; chunks being drawn count as started.
     */
    boolean windowFull() {
        return nextChunk + drawing - nextToMerge >= window;
    }

    /** Under the run's lock, when neither: the caller is to draw the next chunk with {@link #draw()}. */
    void reserveDraw() {
        drawing++;
    }

    /**
     * Draws the chunk reserved by {@link #reserveDraw()}, outside the run's lock and under the
     * items' own, so that a slow source holds up neither a chunk that is ending nor a cancellation.
     *
     * @return the chunk to run, {@code null} when there is none (all drawn, or stopped), or {@link #SOURCE_FAILED}
     */
    Chunk draw() {
        synchronized (items) {
            List<Object> chunkItems;
            synchronized (this) {
                if (noneLeft()) {
                    drawing--;
                    return null;
                }
            }
            try {
                chunkItems = items.draw(strategy.policy().batchSize());
            } catch (RuntimeException sourceFailure) {
                return sourceFailed(sourceFailure);
            }
            synchronized (this) {
                drawing--;
                if (stopped) {
                    return null;
                }
                if (chunkItems.isEmpty()) {
                    drawnOut = true;
                    progress.drawnOut();
                    notifyAll();
                    return null;
                }
                progress.drew(chunkItems.size());
                Chunk chunk = new Chunk(nextChunk++, nextItem, chunkItems, strategy.clock().nanoTime());
                nextItem += chunkItems.size();
                return chunk;
            }
        }
    }

    private synchronized Chunk sourceFailed(RuntimeException failure) {
        drawing--;
        drawnOut = true;
        stopped = true;
        notifyAll();
        if (firstFailure == null) {
            firstFailure = failure;
        } else {
            firstFailure.addSuppressed(failure);
        }
        return collect ? null : SOURCE_FAILED;
    }

    /**
     * @return the chunk's own invocation, with its own copy of the arguments; the items are then
     * the invocation's alone
     */
    I invocationFor(Chunk chunk) {
        I chunkInvocation = strategy.invoker().detach(invocation, strategy.shape().withChunk(arguments, chunk.items));
        chunk.items = null;
        return chunkInvocation;
    }

    /**
     * Records how a chunk ended.
     *
     * @return whether the chunks in flight must now be cancelled (the first failure, FAIL_FAST)
     */
    boolean ended(Chunk chunk, Object value, Throwable failure) {
        strategy.listener().chunkEnded(strategy.policy().method(), strategy.clock().nanoTime() - chunk.started, failure);
        Throwable problem = failure == null && !strategy.shape().accepts(value)
                ? new IllegalStateException(strategy.policy().method() + " returned " + value + " for a chunk; expected a "
                + (strategy.shape().results() == FanoutShape.Results.MERGED_MAP ? "Map" : "Collection"))
                : failure;
        synchronized (this) {
            // a chunk that fails once the call has stopped fails because it was stopped
            progress.ended(chunk.size, problem != null && !stopped);
            chunk.value = value;
            chunk.failure = problem;
            endedEarly.put(chunk.index, chunk);
            mergeInOrder();
            return problem != null && failed(chunk, problem);
        }
    }

    private boolean failed(Chunk chunk, Throwable failure) {
        if (collect) {
            for (int item = chunk.firstItem; item < chunk.firstItem + chunk.size; item++) {
                failuresByItem.put(item, failure);
            }
            return false;
        }
        if (firstFailure == null) {
            firstFailure = failure;
            stopped = true;
            notifyAll();
            return true;
        }
        if (!(failure instanceof CancellationException) && failure != firstFailure) {
            laterFailures.add(failure);
        }
        return false;
    }

    private void mergeInOrder() {
        if (endedEarly.containsKey(nextToMerge)) {
            notifyAll();
        }
        for (Chunk next = endedEarly.remove(nextToMerge); next != null; next = endedEarly.remove(nextToMerge)) {
            if (next.failure == null) {
                strategy.shape().merge(merged, next.value, next.size, partial);
            } else if (partial != null) {
                partial.addAll(Collections.nCopies(next.size, null));
            }
            nextToMerge++;
        }
    }

    /**
     * Completes the result once nothing is left in flight, closing a lazy source first; safe to
     * call more than once.
     */
    void finish() {
        Throwable failure;
        FanoutException collected = null;
        Exception notClosed = close();
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            if (notClosed != null && firstFailure == null) {
                firstFailure = notClosed;
            } else if (notClosed != null) {
                firstFailure.addSuppressed(notClosed);
            }
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

    /** @return what closing the source threw, if anything */
    private Exception close() {
        synchronized (items) {
            try {
                items.close();
                return null;
            } catch (Exception failure) {
                return failure;
            }
        }
    }

    /** One chunk: where its items start in the input, how many there are, and how it ended. */
    static final class Chunk {

        final int index;
        final int firstItem;
        final int size;
        final long started;
        List<Object> items;
        Object value;
        Throwable failure;

        Chunk(int index, int firstItem, List<Object> items, long started) {
            this.index = index;
            this.firstItem = firstItem;
            this.size = items.size();
            this.items = items;
            this.started = started;
        }
    }
}
