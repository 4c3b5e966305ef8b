package dev.sturdy.runtime.fanout;

import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.exception.FanoutException;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.time.SturdyClock;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A fan-out whose method returns a publisher: the items (a collection, a lazy {@code Iterable},
 * {@code Iterator} or {@code Stream}, or a {@code Publisher}) are cut into chunks as the subscriber's
 * demand reaches them, at most {@code parallelism} chunks run at once, and their elements are
 * emitted in input order. Nothing is drawn from the source that the running chunks and one more
 * chunk do not need, so a slow subscriber slows the source, and a source of any length runs in
 * bounded memory. FAIL_FAST: the first failure cancels the chunks in flight, closes the source
 * (closes a {@code Stream}, cancels a {@code Publisher}) and ends the stream with that failure.
 * COLLECT: every chunk runs; when some failed, the stream ends, after every other element, with a
 * {@link FanoutException} whose {@code failures()} are by item index (and whose
 * {@code partialResults()} is empty: the elements went to the subscriber). A source that fails while
 * drawn ends the stream with its exception. Cancelling the subscription cancels every chunk.
 * Immutable and thread-safe; each subscription is one run.
 *
 * @param <I> the invocation type
 */
public final class StreamFanout<I> {

    private static final System.Logger LOG = System.getLogger(StreamFanout.class.getName());

    /** Elements buffered per chunk ahead of the subscriber's demand. */
    private static final int PREFETCH = 32;

    private final FanoutPolicy policy;
    private final FanoutShape shape;
    private final Invoker<I> invoker;
    private final Function<I, Publisher<?>> chunkCall;
    private final FanoutListener listener;
    private final SturdyClock clock;

    /**
     * @param policy parallelism, batch size and error mode
     * @param shape where the items are
     * @param invoker reads the call's arguments and detaches a call per chunk
     * @param chunkCall runs one chunk's call through the policies inside the fan-out
     * @param listener told about every chunk that ended
     * @param clock times the chunks
     */
    public StreamFanout(FanoutPolicy policy, FanoutShape shape, Invoker<I> invoker, Function<I, Publisher<?>> chunkCall,
            FanoutListener listener, SturdyClock clock) {
        this.policy = policy;
        this.shape = shape;
        this.invoker = invoker;
        this.chunkCall = chunkCall;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * @param invocation the call, whose items argument is read when the returned publisher is subscribed to
     * @return the chunks' elements, in input order
     */
    public Flux<Object> run(I invocation) {
        return Flux.defer(() -> {
            Object[] arguments = invoker.arguments(invocation).clone();
            FanoutProgress progress = new FanoutProgress(policy.method(), -1);
            listener.fanoutStarted(progress);
            return run(invocation, arguments, progress)
                    .doOnComplete(() -> ended(progress, null))
                    .doOnError(failure -> ended(progress, failure))
                    .doOnCancel(() -> ended(progress, new CancellationException("cancelled by the subscriber")));
        });
    }

    /** Tells the listener how the call ended, once: a cancel may follow the terminal signal, or race it. */
    private void ended(FanoutProgress progress, Throwable failure) {
        if (progress.end()) {
            listener.fanoutEnded(progress, failure);
        }
    }

    private Flux<Object> run(I invocation, Object[] arguments, FanoutProgress progress) {
        AtomicLong nextItem = new AtomicLong();
        Flux<Chunk> chunks = chunks(arguments, progress).map(items -> {
            progress.drew(items.size());
            return new Chunk(nextItem.getAndAdd(items.size()), items);
        }).doOnComplete(progress::drawnOut);
        if (policy.errors() == FanoutErrors.FAIL_FAST) {
            return chunks.flatMapSequential(chunk -> run(invocation, arguments, chunk, progress), policy.parallelism(),
                    PREFETCH);
        }
        Map<Integer, Throwable> failures = new ConcurrentSkipListMap<>();
        return chunks.flatMapSequentialDelayError(chunk -> run(invocation, arguments, chunk, progress).onErrorResume(failure -> {
            for (long item = chunk.firstItem; item < chunk.firstItem + chunk.items.size(); item++) {
                failures.put((int) Math.min(item, Integer.MAX_VALUE), failure);
            }
            return Flux.empty();
        }), policy.parallelism(), PREFETCH).concatWith(Flux.defer(() -> failures.isEmpty() ? Flux.empty()
                : Flux.error(new FanoutException(policy.method() + ": " + failures.values().stream().distinct().count()
                + " chunk(s) failed, " + failures.size() + " of " + nextItem.get() + " items without a result", List.of(),
                failures))));
    }

    /** @return the items, a chunk at a time, drawn on demand */
    private Flux<List<Object>> chunks(Object[] arguments, FanoutProgress progress) {
        if (shape.items() == FanoutShape.Items.PUBLISHER) {
            Object source = arguments[shape.itemsIndex()];
            if (source == null) {
                return Flux.error(new NullPointerException(shape.what(policy.method()) + " are null"));
            }
            Flux<Object> items = Flux.from((Publisher<?>) source).cast(Object.class);
            return items.buffer(policy.batchSize());
        }
        return Flux.<List<Object>, FanoutItems>generate(() -> {
            FanoutItems items = shape.items(arguments, policy.method());
            progress.total(items.size());
            return items;
        }, (items, sink) -> {
            List<Object> chunk = items.draw(policy.batchSize());
            if (chunk.isEmpty()) {
                sink.complete();
            } else {
                sink.next(chunk);
            }
            return items;
        }, items -> {
            try {
                items.close();
            } catch (Exception notClosed) {
                // the subscriber has had its terminal signal, or cancelled: the log is left to tell
                LOG.log(System.Logger.Level.WARNING, policy.method() + ": closing the items to fan out failed", notClosed);
            }
        });
    }

    private Flux<Object> run(I invocation, Object[] arguments, Chunk chunk, FanoutProgress progress) {
        return Flux.defer(() -> {
            long started = clock.nanoTime();
            I chunkInvocation = invoker.detach(invocation, shape.withChunk(arguments, chunk.items));
            return Flux.from(chunkCall.apply(chunkInvocation)).cast(Object.class)
                    .doOnComplete(() -> {
                        progress.ended(chunk.items.size(), false);
                        listener.chunkEnded(policy.method(), clock.nanoTime() - started, null);
                    })
                    .doOnError(failure -> {
                        progress.ended(chunk.items.size(), true);
                        listener.chunkEnded(policy.method(), clock.nanoTime() - started, failure);
                    });
        });
    }

    /**
     * @return a chunk of a {@code Publisher} of items, as the method is passed it: here, so that only
     * a fan-out over a publisher needs Reactor on the class path
     */
    static Flux<Object> publisherOf(List<Object> chunk) {
        return Flux.fromIterable(chunk);
    }

    /** One chunk: its items and the index of its first. */
    private record Chunk(long firstItem, List<Object> items) {
    }
}
