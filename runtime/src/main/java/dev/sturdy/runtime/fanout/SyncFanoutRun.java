package dev.sturdy.runtime.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sync method's chunks on up to {@code parallelism} worker tasks, each taking the next
 * chunk as soon as it is done with one: no task, and no hand-over between threads, per chunk.
 * Cancelling interrupts the workers; the run finishes when the last worker has stopped, so the
 * caller never returns while a chunk still runs. Thread-safe.
 *
 * @param <I> the invocation type
 */
final class SyncFanoutRun<I> extends FanoutRun<I> {

    private final List<Worker> workers = new ArrayList<>();
    private final AtomicInteger working = new AtomicInteger();

    SyncFanoutRun(FanoutStrategy<I> strategy, I invocation) {
        super(strategy, invocation);
    }

    @Override
    void begin(int slots) {
        working.set(slots);
        List<Worker> started = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            started.add(new Worker());
        }
        synchronized (this) {
            workers.addAll(started);
        }
        for (Worker worker : started) {
            try {
                strategy.executor().execute(callerContext.apply(worker.task));
            } catch (RuntimeException rejected) {
                abort(rejected);
                worker.task.cancel(false);
            }
        }
    }

    @Override
    void cancelInFlight() {
        cancelWorkersBut(null);
    }

    private void cancelWorkersBut(Worker current) {
        List<Worker> all;
        synchronized (this) {
            all = List.copyOf(workers);
        }
        for (Worker worker : all) {
            if (worker != current) {
                worker.task.cancel(true);
            }
        }
    }

    /**
     * One worker: takes chunks until there are none. Its task is cancelled to interrupt the chunk
     * it runs; whether the task ran at all is decided once, so it stops being counted exactly once.
     */
    private final class Worker {

        private static final int WAITING = 0;
        private static final int RAN = 1;
        private static final int NEVER_RAN = 2;

        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final FutureTask<Void> task = new FutureTask<>(this::work, null) {
            @Override
            protected void done() {
                if (state.compareAndSet(WAITING, NEVER_RAN)) {
                    stopped();
                }
            }
        };

        private void work() {
            if (!state.compareAndSet(WAITING, RAN)) {
                return;
            }
            try {
                Chunk chunk = nextChunk();
                while (chunk != null && chunk != SOURCE_FAILED) {
                    runChunk(chunk);
                    chunk = nextChunk();
                }
                if (chunk == SOURCE_FAILED) {
                    cancelWorkersBut(this);
                }
            } catch (Throwable unexpected) {
                // not a chunk's failure (those are recorded): the run cannot go on without this worker
                abort(unexpected);
                cancelWorkersBut(this);
            } finally {
                stopped();
            }
        }

        private void runChunk(Chunk chunk) {
            Object value = null;
            Throwable failure = null;
            try {
                value = strategy.delegate().call(invocationFor(chunk));
            } catch (Throwable chunkFailure) {
                failure = chunkFailure;
            }
            if (ended(chunk, value, failure)) {
                cancelWorkersBut(this);
            }
        }

        private void stopped() {
            if (working.decrementAndGet() == 0) {
                finish();
            }
        }
    }
}
