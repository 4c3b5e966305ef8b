package dev.sturdy.runtime.fanout;

import dev.sturdy.annotation.FanoutErrors;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.testing.ScriptedItems;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fan-out runs on their own, sync and async alike, for what they do with the items they are
 * given: every item gets a result, or the call fails and says why.
 */
class FanoutStrategyTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    enum Mode {
        SYNC, ASYNC;

        /** @return the call's result; a failure is thrown as it is, however the call reports it */
        Object call(FanoutStrategy<TestInvocation> fanout, TestInvocation invocation) throws Throwable {
            if (this == SYNC) {
                return fanout.call(invocation);
            }
            CompletableFuture<Object> result = fanout.callAsync(invocation);
            try {
                return result.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                throw failed.getCause();
            }
        }

        /** @return a chunk's body for this mode: doubles each item */
        TestInvocation.ArgumentsBody doubling() {
            return arguments -> {
                List<Integer> doubled = ((Collection<?>) arguments[0]).stream().map(item -> (Integer) item * 2).toList();
                return this == SYNC ? doubled : CompletableFuture.supplyAsync(() -> doubled);
            };
        }
    }

    private FanoutStrategy<TestInvocation> fanout(int parallelism, int batchSize) {
        return fanout(parallelism, batchSize, FanoutShape.Items.LIST);
    }

    private FanoutStrategy<TestInvocation> fanout(int parallelism, int batchSize, FanoutShape.Items items) {
        return new FanoutStrategy<>(new FanoutPolicy("Service#call", parallelism, batchSize, FanoutErrors.FAIL_FAST),
                new FanoutShape(0, items, FanoutShape.Results.CONCATENATED), TestInvoker.sentinel(),
                TestInvoker.facilities(new ManualClock(), new InFlight(), executor), executor, FanoutListener.NONE);
    }

    private static List<Integer> numbers(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static List<Integer> doubled(int count) {
        return IntStream.range(0, count).map(item -> item * 2).boxed().toList();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void itemsThatCannotBeReadFailTheCallNamingTheMethodAndProcessNone(Mode mode) {
        TestInvocation invocation = TestInvocation.withArguments(mode.doubling(), ScriptedItems.throwingAt(numbers(10), 5));

        assertThatThrownBy(() -> mode.call(fanout(2, 1), invocation))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Service#call: the items to fan out (argument 1) could not be read, "
                        + "so none was processed")
                .cause().hasMessage("no item 5");
        assertThat(invocation.attempts()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void nullItemsFailTheCallNamingTheMethod(Mode mode) {
        TestInvocation invocation = TestInvocation.withArguments(mode.doubling(), (Object) null);

        assertThatThrownBy(() -> mode.call(fanout(2, 1), invocation))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("Service#call: the items to fan out (argument 1) are null");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void itemsChangedByAnotherThreadDuringTheCallAreAllProcessedAsTheyWereWhenItStarted(Mode mode) throws Throwable {
        List<Integer> items = new ArrayList<>(numbers(100));
        TestInvocation.ArgumentsBody doubling = mode.doubling();
        TestInvocation invocation = TestInvocation.withArguments(arguments -> {
            items.clear();
            return doubling.run(arguments);
        }, items);

        assertThat(mode.call(fanout(1, 10), invocation)).isEqualTo(doubled(100));
        assertThat(invocation.attempts()).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theLargestParallelismRunsEveryItem(Mode mode) throws Throwable {
        TestInvocation invocation = TestInvocation.withArguments(mode.doubling(), numbers(50));

        assertThat(mode.call(fanout(Integer.MAX_VALUE, 1), invocation)).isEqualTo(doubled(50));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theLargestBatchSizeMakesOneChunkOfAllItems(Mode mode) throws Throwable {
        TestInvocation invocation = TestInvocation.withArguments(mode.doubling(), numbers(50));

        assertThat(mode.call(fanout(8, Integer.MAX_VALUE), invocation)).isEqualTo(doubled(50));
        assertThat(invocation.attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aListenerFollowsTheCallsProgressFromItsStartToItsEnd(Mode mode) throws Throwable {
        List<String> heard = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        FanoutListener progressWatcher = new FanoutListener() {
            @Override
            public void fanoutStarted(FanoutProgress progress) {
                heard.add("started " + progress.method() + " " + progress.done() + "/" + progress.total());
            }

            @Override
            public void chunkEnded(String method, long nanos, Throwable failure) {
                heard.add("chunk");
            }

            @Override
            public void fanoutEnded(FanoutProgress progress, Throwable failure) {
                heard.add("ended " + progress.done() + "/" + progress.total() + " drawn " + progress.drawn() + " failed "
                        + progress.failed() + " " + failure);
                ended.complete(null);
            }
        };
        FanoutStrategy<TestInvocation> fanout = new FanoutStrategy<>(
                new FanoutPolicy("Service#call", 2, 10, FanoutErrors.FAIL_FAST),
                new FanoutShape(0, FanoutShape.Items.LIST, FanoutShape.Results.CONCATENATED), TestInvoker.sentinel(),
                TestInvoker.facilities(new ManualClock(), new InFlight(), executor), executor, progressWatcher);

        assertThat(mode.call(fanout, TestInvocation.withArguments(mode.doubling(), numbers(45)))).isEqualTo(doubled(45));
        ended.get(10, TimeUnit.SECONDS); // told as the result completes, maybe just after the caller has it

        assertThat(heard).containsExactly("started Service#call 0/45", "chunk", "chunk", "chunk", "chunk", "chunk",
                "ended 45/45 drawn 45 failed 0 null");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aListenerThatThrowsFailsTheCallInsteadOfLeavingItHanging(Mode mode) {
        FanoutStrategy<TestInvocation> fanout = new FanoutStrategy<>(
                new FanoutPolicy("Service#call", 2, 1, FanoutErrors.FAIL_FAST),
                new FanoutShape(0, FanoutShape.Items.LIST, FanoutShape.Results.CONCATENATED), TestInvoker.sentinel(),
                TestInvoker.facilities(new ManualClock(), new InFlight(), executor), executor, new FanoutListener() {
                    @Override
                    public void chunkEnded(String method, long nanos, Throwable failure) {
                        throw new IllegalStateException("listener broke");
                    }
                });
        TestInvocation invocation = TestInvocation.withArguments(mode.doubling(), numbers(10));

        assertThatThrownBy(() -> mode.call(fanout, invocation)).hasMessage("listener broke");
    }

    @Test
    void anAsyncLazySourceThatIsSlowToDrawHoldsUpNoCancellation() throws Exception {
        CountDownLatch drawingThird = new CountDownLatch(1);
        CountDownLatch releaseThird = new CountDownLatch(1);
        Iterator<Integer> source = IntStream.range(0, 4).boxed().peek(item -> {
            if (item == 2) {
                drawingThird.countDown();
                try {
                    releaseThird.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }).iterator();
        List<CompletableFuture<Object>> chunks = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
                new CompletableFuture<>(), new CompletableFuture<>());
        TestInvocation invocation = TestInvocation.withArguments(arguments -> {
            Iterator<?> items = (Iterator<?>) arguments[0];
            return chunks.get((Integer) items.next());
        }, source);
        CompletableFuture<Object> result = fanout(2, 1, FanoutShape.Items.ITERATOR).callAsync(invocation);
        // the first chunk's end draws the third item, on the thread that ended it
        Future<?> firstEnds = executor.submit(() -> chunks.get(0).complete(List.of(0)));
        assertThat(drawingThird.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.runAsync(() -> result.cancel(true), executor).get(10, TimeUnit.SECONDS);
        assertThat(result).isCancelled();
        assertThat(chunks.get(1)).as("the chunk in flight is cancelled").isCancelled();
        releaseThird.countDown();
        firstEnds.get(10, TimeUnit.SECONDS);
        assertThat(invocation.attempts()).as("the chunk drawn after the cancellation never ran").isEqualTo(2);
    }
}
