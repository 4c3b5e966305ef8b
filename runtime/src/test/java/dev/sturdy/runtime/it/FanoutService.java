package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Fanout;
import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.annotation.Retry;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Fan-out methods of every supported shape; a test sets {@link #body} to script what one chunk does. */
@Singleton
@Requires(property = "sturdy-test.fanout", value = "true")
public class FanoutService {

    /** What one chunk does with its items, before the method maps them. */
    volatile Function<Collection<Integer>, Object> body = chunk -> null;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger highWater = new AtomicInteger();
    final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
    final Map<String, String> mdcSeen = new ConcurrentHashMap<>();
    /** The async methods' own work: not the common pool, which may have a single thread. */
    private final ExecutorService asyncWork = Executors.newCachedThreadPool();

    @PreDestroy
    void stop() {
        asyncWork.shutdownNow();
    }

    private void enter(Collection<Integer> chunk) {
        calls.incrementAndGet();
        chunkSizes.add(chunk.size());
        highWater.accumulateAndGet(inside.incrementAndGet(), Math::max);
        String requestId = MDC.get("request-id");
        if (requestId != null) {
            mdcSeen.put(Thread.currentThread().getName() + "/" + chunk, requestId);
        }
        try {
            body.apply(chunk);
        } finally {
            inside.decrementAndGet();
        }
    }

    @Fanout(parallelism = 8, batchSize = 3)
    public List<String> label(List<Integer> items, String prefix) {
        enter(items);
        return items.stream().map(item -> prefix + item).toList();
    }

    @Fanout(parallelism = 4)
    public Map<Integer, Integer> squares(Set<Integer> items) {
        enter(items);
        return items.stream().collect(Collectors.toMap(item -> item, item -> item * item));
    }

    @Fanout(parallelism = 4, batchSize = 10)
    public Collection<Integer> doubled(Collection<Integer> items) {
        enter(items);
        return items.stream().map(item -> item * 2).toList();
    }

    @Fanout(parallelism = 4, batchSize = 2)
    public void touch(List<Integer> items) {
        enter(items);
    }

    @Fanout(parallelism = 4, batchSize = 5)
    public CompletableFuture<List<Integer>> doubledAsync(List<Integer> items) {
        return CompletableFuture.supplyAsync(() -> {
            enter(items);
            return items.stream().map(item -> item * 2).toList();
        }, asyncWork);
    }

    @Fanout(parallelism = 2)
    public CompletionStage<Void> touchAsync(List<Integer> items) {
        return CompletableFuture.runAsync(() -> enter(items), asyncWork);
    }

    @Fanout(parallelism = 2)
    public List<Integer> twoAtATime(List<Integer> items) {
        enter(items);
        return items;
    }

    @Fanout(parallelism = 2, errors = FanoutErrors.COLLECT, batchSize = 2)
    public List<String> collect(List<Integer> items) throws IOException {
        enter(items);
        if (items.contains(3)) {
            throw new IOException("chunk with 3");
        }
        return items.stream().map(String::valueOf).toList();
    }

    @Fanout(parallelism = 2)
    @Retry(maxAttempts = 3, delay = "0ms")
    public List<Integer> retried(List<Integer> items) {
        enter(items);
        return items;
    }

    @Fanout(parallelism = 4, batchSize = 10)
    public void drain(Stream<Integer> items) {
        enter(items.toList());
    }

    @Fanout(parallelism = 3, batchSize = 5)
    public List<Integer> doubledLazily(Iterable<Integer> items) {
        List<Integer> chunk = new ArrayList<>();
        items.forEach(chunk::add);
        enter(chunk);
        return chunk.stream().map(item -> item * 2).toList();
    }

    @Fanout(parallelism = 2, batchSize = 3)
    public CompletableFuture<List<Integer>> doubledFromIterator(Iterator<Integer> items) {
        List<Integer> chunk = new ArrayList<>();
        items.forEachRemaining(chunk::add);
        return CompletableFuture.supplyAsync(() -> {
            enter(chunk);
            return chunk.stream().map(item -> item * 2).toList();
        }, asyncWork);
    }

    @Fanout(parallelism = 2, errors = FanoutErrors.COLLECT, batchSize = 2)
    public List<String> collectLazily(Stream<Integer> items) throws IOException {
        List<Integer> chunk = items.toList();
        enter(chunk);
        if (chunk.contains(3)) {
            throw new IOException("chunk with 3");
        }
        return chunk.stream().map(String::valueOf).toList();
    }

    /** A stream read once cannot be retried. */
    @Singleton
    @Requires(property = "sturdy-test.one-shot", value = "true")
    public static class OneShotRetried {

        @Fanout
        @Retry
        public void drain(Stream<Integer> items) {
            items.forEach(item -> { });
        }
    }

    /** Fan-out methods the runtime must refuse. */
    @Singleton
    @Requires(property = "sturdy-test.misshapen", value = "true")
    public static class Misshapen {

        @Fanout
        public String joined(List<Integer> items) {
            return items.toString();
        }

        @Fanout
        public List<Integer> twoCollections(List<Integer> items, Set<Integer> others) {
            return items;
        }
    }
}
