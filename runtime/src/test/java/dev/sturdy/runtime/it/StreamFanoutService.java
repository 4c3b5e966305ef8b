package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.annotation.Retry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fan-outs that return a {@code Flux}: each chunk's call returns a sink's flux that the test ends,
 * keyed by the chunk's first item, so the test decides which chunk ends when and how.
 */
@Singleton
@Requires(property = "sturdy-test.stream-fanout", value = "true")
public class StreamFanoutService {

    /** The chunks the method was called with, in the order the calls started. */
    final List<List<Integer>> started = new CopyOnWriteArrayList<>();
    /** Each chunk's elements, by its first item: the test emits and ends them. */
    final Map<Integer, Sinks.Many<String>> chunks = new ConcurrentHashMap<>();
    /** Chunks whose subscription was cancelled before they ended, by first item. */
    final List<Integer> cancelled = new CopyOnWriteArrayList<>();
    /** How many times each chunk was called, by first item. */
    final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Fanout(parallelism = 2, batchSize = 2)
    public Flux<String> failFast(Stream<Integer> items) {
        return chunk(items.toList());
    }

    @Fanout(parallelism = 2, batchSize = 2, errors = FanoutErrors.COLLECT)
    public Flux<String> collect(List<Integer> items) {
        return chunk(items);
    }

    @Fanout(parallelism = 2, batchSize = 2)
    public Flux<String> fromPublisher(Flux<Integer> items) {
        return items.map(item -> "r" + item);
    }

    /** The first call of each chunk fails before any element; the retry's call passes its items on. */
    @Fanout(parallelism = 2, batchSize = 2)
    @Retry(maxAttempts = 2, delay = "100ms", jitter = 0, retryOn = IOException.class)
    public Flux<String> retriedChunks(List<Integer> items) {
        int call = calls.computeIfAbsent(items.get(0), first -> new AtomicInteger()).incrementAndGet();
        return call == 1 ? Flux.error(new IOException("chunk " + items.get(0) + " down"))
                : Flux.fromIterable(items).map(item -> "r" + item);
    }

    @Fanout(parallelism = 2, batchSize = 2)
    @Fallback(method = "cached")
    public Flux<String> withFallback(List<Integer> items) {
        return chunk(items);
    }

    Flux<String> cached(List<Integer> items, Throwable failure) {
        return Flux.just("cached after " + failure.getMessage());
    }

    private Flux<String> chunk(List<Integer> items) {
        started.add(items);
        Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
        chunks.put(items.get(0), sink);
        return sink.asFlux().doFinally(signal -> {
            if (signal == SignalType.CANCEL) {
                cancelled.add(items.get(0));
            }
        });
    }

    /** Emits the chunk's items as results and ends it. */
    void succeed(int first) {
        Sinks.Many<String> sink = chunks.get(first);
        started.stream().filter(items -> items.get(0) == first).findFirst().orElseThrow()
                .forEach(item -> sink.tryEmitNext("r" + item).orThrow());
        sink.tryEmitComplete().orThrow();
    }

    void fail(int first, Exception failure) {
        chunks.get(first).tryEmitError(failure).orThrow();
    }
}
