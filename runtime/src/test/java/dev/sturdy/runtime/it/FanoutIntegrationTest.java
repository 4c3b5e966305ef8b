package dev.sturdy.runtime.it;

import dev.sturdy.exception.FanoutException;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

class FanoutIntegrationTest {

    private ApplicationContext context;
    private FanoutService service;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy-test.fanout", "true"));
        service = context.getBean(FanoutService.class);
    }

    @AfterEach
    void stop() {
        MDC.clear();
        if (context.isRunning()) {
            context.close();
        }
    }

    private static List<Integer> items(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    @Test
    void mergesThousandsOfResultsInInputOrderWithExtraParametersPassedThrough() {
        service.body = chunk -> {
            if (chunk.iterator().next() % 7 == 0) {
                Thread.yield();
            }
            return null;
        };

        List<String> labels = service.label(items(5000), "n");

        assertThat(labels).hasSize(5000);
        assertThat(labels).isEqualTo(items(5000).stream().map(item -> "n" + item).toList());
    }

    @Test
    void runsExactlyParallelismChunksAtOnceNeverMore() {
        CyclicBarrier allEightInside = new CyclicBarrier(8);
        service.body = chunk -> {
            try {
                allEightInside.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("fewer than 8 chunks ran at once", e);
            }
            return null;
        };

        assertThat(service.label(items(8 * 3 * 5), "x")).hasSize(120);

        assertThat(service.highWater.get()).isEqualTo(8);
    }

    @Test
    void aSlowFirstChunkHoldsTheOthersBackAfterFourTimesParallelismChunks() throws Exception {
        // platform threads, so that the test can see a worker wait (virtual threads are not listed)
        context.close();
        context = ApplicationContext.run(Map.of("sturdy-test.fanout", "true", "sturdy.fanout.executor", "io"));
        service = context.getBean(FanoutService.class);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        service.body = chunk -> {
            if (chunk.contains(0)) {
                await(releaseFirst);
            }
            return null;
        };
        CompletableFuture<List<Integer>> result = new CompletableFuture<>();
        Thread runner = new Thread(() -> result.complete(service.twoAtATime(items(1000))));
        List<Thread> before = new ArrayList<>(Thread.getAllStackTraces().keySet());
        runner.start();

        awaitWorkerParkedInNextChunk(before);

        assertThat(service.calls.get()).as("chunks 0..7 cut while chunk 0 runs: 4 x parallelism 2").isEqualTo(8);
        releaseFirst.countDown();
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(items(1000));
    }

    /** @param before threads that are not this fan-out's (a worker of an earlier one may still be waiting) */
    private static void awaitWorkerParkedInNextChunk(List<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean parked = Thread.getAllStackTraces().entrySet().stream()
                    .filter(entry -> !before.contains(entry.getKey()))
                    .anyMatch(entry -> entry.getKey().getState() == Thread.State.WAITING
                            && Arrays.stream(entry.getValue()).anyMatch(frame -> frame.getMethodName()
                                    .equals("nextChunk")));
            if (parked) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        throw new AssertionError("no worker waited for the window");
    }

    @Test
    void callsTheBodyOncePerBatchOfItems() {
        service.label(items(100), "x");
        assertThat(service.calls.get()).isEqualTo(34);
        assertThat(service.chunkSizes).allMatch(size -> size <= 3);
        assertThat(service.chunkSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    }

    @Test
    void setItemsAndMapResultsMerge() {
        LinkedHashSet<Integer> items = new LinkedHashSet<>(items(50));

        Map<Integer, Integer> squares = service.squares(items);

        assertThat(squares).hasSize(50).containsEntry(7, 49);
        assertThat(squares.keySet()).containsExactlyElementsOf(items);
    }

    @Test
    void collectionResultsConcatenate() {
        Collection<Integer> doubled = service.doubled(items(95));

        assertThat(doubled).containsExactlyElementsOf(items(95).stream().map(item -> item * 2).toList());
        assertThat(service.calls.get()).isEqualTo(10);
    }

    @Test
    void voidMethodRunsEveryChunk() {
        service.touch(items(9));

        assertThat(service.calls.get()).isEqualTo(5);
    }

    @Test
    void emptyInputDoesNotCallTheMethod() throws Exception {
        assertThat(service.label(List.of(), "x")).isEmpty();
        assertThat(service.squares(new LinkedHashSet<>())).isEmpty();
        assertThat(service.doubledAsync(List.of()).get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(service.calls.get()).isZero();
    }

    @Test
    void asyncMethodsFanOutWithoutBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        service.body = chunk -> {
            await(release);
            return null;
        };

        CompletableFuture<List<Integer>> doubled = service.doubledAsync(items(100));
        assertThat(doubled).isNotDone();
        release.countDown();

        assertThat(doubled.get(10, TimeUnit.SECONDS)).isEqualTo(items(100).stream().map(item -> item * 2).toList());
        assertThat(service.calls.get()).isEqualTo(20);
        assertThat(service.touchAsync(items(10)).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void failFastStopsStartingChunksAndThrowsTheFirstFailureUnwrapped() {
        IllegalStateException boom = new IllegalStateException("item 0 failed");
        service.body = chunk -> {
            if (chunk.contains(0)) {
                throw boom;
            }
            return null;
        };

        assertThatThrownBy(() -> service.retried(items(1000))).isSameAs(boom);

        assertThat(service.calls.get()).as("most items never started").isLessThan(50);
    }

    @Test
    void failFastCancelsChunksInFlightAndWaitsForThemToEnd() {
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch otherStarted = new CountDownLatch(1);
        service.body = chunk -> {
            if (chunk.contains(0)) {
                await(otherStarted);
                throw new IllegalStateException("first");
            }
            otherStarted.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cancelled chunk");
        };

        assertThatThrownBy(() -> service.touch(items(4))).hasMessage("first");

        assertThat(interrupted.get()).as("the chunk in flight was interrupted, and had ended before the call failed")
                .isEqualTo(1);
        assertThat(service.inside.get()).isZero();
    }

    @Test
    void collectRunsEveryChunkAndReportsPartialResultsAndFailuresByItem() {
        assertThatThrownBy(() -> service.collect(items(7)))
                .isInstanceOfSatisfying(FanoutException.class, failed -> {
                    assertThat(failed.getMessage())
                            .isEqualTo("FanoutService#collect: 1 chunk(s) failed, 2 of 7 items without a result");
                    assertThat(failed.partialResults()).containsExactly("0", "1", null, null, "4", "5", "6");
                    assertThat(failed.failures()).containsOnlyKeys(2, 3);
                    assertThat(failed.failures().get(2)).isInstanceOf(IOException.class).hasMessage("chunk with 3");
                });
        assertThat(service.calls.get()).isEqualTo(4);
    }

    @Test
    void aFailingChunkIsRetriedAlone() {
        Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
        service.body = chunk -> {
            int item = chunk.iterator().next();
            if (item == 5 && attempts.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new IllegalStateException("transient");
            }
            return null;
        };

        assertThat(service.retried(items(10))).isEqualTo(items(10));

        assertThat(service.calls.get()).as("ten chunks, one of them twice").isEqualTo(11);
    }

    @Test
    void callersMdcIsSeenInEveryChunk() {
        MDC.put("request-id", "r-7");

        service.label(items(30), "x");

        assertThat(service.mdcSeen).hasSize(10).allSatisfy((chunk, requestId) -> assertThat(requestId).isEqualTo("r-7"));
    }

    @Test
    void closingTheContextCancelsARunningFanOutAndLeavesNoThreadBehind() throws Exception {
        List<Thread> before = new ArrayList<>(Thread.getAllStackTraces().keySet());
        ApplicationContext other = ApplicationContext.run(Map.of("sturdy-test.fanout", "true"));
        try {
            FanoutService running = other.getBean(FanoutService.class);
            CountDownLatch asyncInside = new CountDownLatch(4);
            CountDownLatch syncInside = new CountDownLatch(8);
            running.body = chunk -> {
                (chunk.iterator().next() >= 1000 ? syncInside : asyncInside).countDown();
                await(new CountDownLatch(1));
                return null;
            };
            CompletableFuture<List<Integer>> call = running.doubledAsync(items(100));
            CompletableFuture<Object> syncCall = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    syncCall.complete(running.label(IntStream.range(1000, 1100).boxed().toList(), "x"));
                } catch (RuntimeException failure) {
                    syncCall.completeExceptionally(failure);
                }
            });
            caller.start();
            assertThat(asyncInside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(syncInside.await(10, TimeUnit.SECONDS)).isTrue();

            other.close();

            // the async method's work runs on the bean's own executor, which the context may stop first
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).satisfiesAnyOf(
                    ended -> assertThat(ended).isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOf(CancellationException.class).hasMessageContaining("shutting down"),
                    ended -> assertThat(ended).hasRootCauseInstanceOf(InterruptedException.class));
            assertThatThrownBy(() -> syncCall.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(CancellationException.class)
                    // since Java 23 get() throws a new CancellationException around the one the future holds
                    .satisfies(cancelled -> assertThat(cancelled.getCause() == null ? cancelled : cancelled.getCause())
                            .hasMessage("FanoutService#label: cancelled, the application is shutting down"));
            caller.join(10_000);
        } finally {
            other.close();
        }
        assertThat(awaitThreadsGone(before)).as("threads started by the context").isEmpty();
    }

    // lazy sources: producer/consumer

    @Test
    void aStreamIsDrawnOnlyAsChunksCanStartAndClosedWhenTheCallEnds() {
        AtomicInteger drawn = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger mostAhead = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        service.body = chunk -> {
            mostAhead.accumulateAndGet(drawn.get() - ended.get(), Math::max);
            ended.addAndGet(chunk.size());
            return null;
        };

        service.drain(Stream.iterate(0, item -> item + 1).limit(10_000).peek(item -> drawn.incrementAndGet())
                .onClose(() -> closed.set(true)));

        assertThat(service.calls.get()).isEqualTo(1000);
        assertThat(mostAhead.get()).as("items drawn and not yet processed: at most parallelism chunks")
                .isLessThanOrEqualTo(4 * 10);
        assertThat(closed).isTrue();
    }

    @Test
    void anEndlessStreamStopsAtTheFirstFailureAndIsClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        IllegalStateException boom = new IllegalStateException("item 95 failed");
        service.body = chunk -> {
            if (chunk.contains(95)) {
                throw boom;
            }
            return null;
        };

        assertThatThrownBy(() -> service.drain(Stream.iterate(0, item -> item + 1).onClose(() -> closed.set(true))))
                .isSameAs(boom);

        assertThat(closed).isTrue();
        assertThat(service.inside.get()).isZero();
    }

    @Test
    void aSourceThatFailsWhileDrawnFailsTheCallWithItsExceptionAfterTheChunksInFlightEnd() {
        IllegalStateException cursorLost = new IllegalStateException("cursor lost");
        Iterator<Integer> failing = IntStream.range(0, 100).boxed().map(item -> {
            if (item == 42) {
                throw cursorLost;
            }
            return item;
        }).iterator();

        assertThatThrownBy(() -> service.doubledLazily(() -> failing)).isSameAs(cursorLost);

        assertThat(service.inside.get()).isZero();
        assertThat(service.calls.get()).isLessThanOrEqualTo(9);
    }

    @Test
    void aNullItemFromALazySourceFailsTheCallNamingTheMethod() {
        List<Integer> withNull = new ArrayList<>(items(7));
        withNull.set(6, null);

        assertThatThrownBy(() -> service.doubledLazily(withNull::iterator))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("FanoutService#doubledLazily: the items to fan out (argument 1) gave null as item 7;"
                        + " a lazy source must not");
    }

    @Test
    void aStreamAlreadyUsedIsRefusedNamingTheMethodBeforeAnyChunkRuns() {
        Stream<Integer> used = Stream.of(1, 2, 3);
        used.count();

        assertThatThrownBy(() -> service.drain(used)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("FanoutService#drain: the items to fan out (argument 1) could not be read, so none"
                        + " was processed").hasMessageEndingWith("stream has already been operated upon or closed");
        assertThat(service.calls.get()).isZero();
    }

    @Test
    void lazySourcesMergeResultsInInputOrderSyncAndAsync() throws Exception {
        assertThat(service.doubledLazily(items(1000))).isEqualTo(items(1000).stream().map(item -> item * 2).toList());
        assertThat(service.doubledFromIterator(items(100).iterator()).get(10, TimeUnit.SECONDS))
                .isEqualTo(items(100).stream().map(item -> item * 2).toList());
        assertThat(service.chunkSizes).contains(5, 3);
    }

    @Test
    void collectOverALazySourceReportsFailuresByItemIndex() {
        assertThatThrownBy(() -> service.collectLazily(items(6).stream()))
                .isInstanceOfSatisfying(FanoutException.class, failure -> {
                    assertThat(failure.failures()).containsOnlyKeys(2, 3);
                    assertThat(failure.partialResults()).containsExactly("0", "1", null, null, "4", "5");
                });
    }

    @Test
    void aSourceReadOnceUnderAPolicyThatReadsItAgainFailsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.one-shot", "true")))
                .hasMessageContaining("[sturdy:fanout-parameters] @Fanout on OneShotRetried.drain(Stream): the items are a"
                        + " Stream, which can be read only once, but @Retry would run a chunk again with its items used up");
    }

    @Test
    void shapesThatCannotBeFannedOutFailStartUpClearly() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.misshapen", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:fanout-return-type] @Fanout on Misshapen.joined(List): the chunks' results"
                        + " must merge, so the "
                        + "method must return List, Collection, Map or void, a CompletionStage of one of them, or a"
                        + " Flux or Publisher of their elements, but it"
                                + " returns String")
                .hasMessageContaining("[sturdy:fanout-parameters] @Fanout on Misshapen.twoCollections(List, Set): the method"
                        + " must take exactly "
                        + "one List, Set, Collection, Iterable, Iterator, Stream or Publisher parameter (the items; a"
                        + " Publisher when it returns one), but its parameters are"
                        + " (List, Set)");
    }

    private static List<String> awaitThreadsGone(List<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> extra;
        do {
            extra = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.isAlive())
                    .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool"))
                    .map(Thread::getName).toList();
            if (extra.isEmpty()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        } while (System.nanoTime() < deadline);
        return extra;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
