package dev.sturdy.runtime.fanout;

import dev.sturdy.runtime.core.Futures;
import dev.sturdy.runtime.core.Trampoline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an async method's chunks: each starts on the thread that frees its slot (the caller for the
 * first ones, a finishing chunk's thread after that), without blocking anyone; a lazy source is
 * drawn there too, outside the run's lock, so that a slow source holds up no cancellation.
 * Cancelling cancels their futures. The run finishes when no chunk is in flight and none is left
 * to start. Thread-safe.
 *
 * @param <I> the invocation type
 */
final class AsyncFanoutRun<I> extends FanoutRun<I> {

    private final Map<Integer, CompletableFuture<Object>> inFlight = new HashMap<>();
    private int running;
    private int deferred;

    AsyncFanoutRun(FanoutStrategy<I> strategy, I invocation) {
        super(strategy, invocation);
    }

    @Override
    void begin(int slots) {
        for (int i = 0; i < slots; i++) {
            startNext();
        }
    }

    /**
     * Starts the next chunk, if one may start now. It counts as running while it is drawn, so that
     * the run cannot finish meanwhile.
     */
    private void startNext() {
        synchronized (this) {
            if (noneLeft()) {
                if (running == 0) {
                    finishLater();
                }
                return;
            }
            if (windowFull()) {
                deferred++;
                return;
            }
            reserveDraw();
            running++;
        }
        Chunk chunk = drawOrAbort();
        if (chunk != null && chunk != SOURCE_FAILED) {
            Trampoline.run(callerContext.apply(() -> start(chunk)));
            return;
        }
        boolean last;
        synchronized (this) {
            last = --running == 0;
        }
        if (chunk == SOURCE_FAILED) {
            cancelInFlight();
        }
        if (last) {
            finishLater();
        }
    }

    /** @return the next chunk, or {@code null} when the items could not be cut into one (the run fails) */
    private Chunk drawOrAbort() {
        try {
            return draw();
        } catch (Throwable unexpected) {
            abort(unexpected);
            return null;
        }
    }

    private void start(Chunk chunk) {
        CompletableFuture<Object> work = Futures.started(() -> strategy.delegate().callAsync(invocationFor(chunk)));
        boolean stoppedMeanwhile;
        synchronized (this) {
            inFlight.put(chunk.index, work);
            stoppedMeanwhile = stopped();
        }
        // stopped while it was starting (another chunk failed, the call was cancelled): cancelInFlight may have missed it
        if (stoppedMeanwhile) {
            work.cancel(true);
        }
        work.whenComplete((value, failure) -> {
            boolean cancelOthers;
            try {
                cancelOthers = ended(chunk, value, failure == null ? null : Futures.unwrap(failure));
            } catch (Throwable unexpected) {
                // not the chunk's failure (merging its result failed): the run cannot finish as asked
                abort(unexpected);
                cancelOthers = true;
            }
            int slots;
            synchronized (this) {
                inFlight.remove(chunk.index);
                running--;
                slots = 1 + deferred;
                deferred = 0;
            }
            if (cancelOthers) {
                cancelInFlight();
            }
            for (int i = 0; i < slots; i++) {
                startNext();
            }
        });
    }

    private void finishLater() {
        Trampoline.run(this::finish);
    }

    @Override
    void cancelInFlight() {
        List<CompletableFuture<Object>> toCancel;
        synchronized (this) {
            toCancel = new ArrayList<>(inFlight.values());
        }
        toCancel.forEach(work -> work.cancel(true));
    }
}
