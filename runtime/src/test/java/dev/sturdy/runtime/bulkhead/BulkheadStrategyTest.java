package dev.sturdy.runtime.bulkhead;

import dev.sturdy.exception.BulkheadFullException;
import dev.sturdy.runtime.testing.Background;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkheadStrategyTest {

    private final ManualClock clock = new ManualClock();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private BulkheadStrategy<TestInvocation> bulkhead(Bulkhead bulkhead) {
        return new BulkheadStrategy<>(bulkhead, TestInvoker.sentinel(), TestInvoker.facilities(clock), BulkheadListener.NONE);
    }

    private static Bulkhead bulkhead(int maxConcurrent, int maxWaiting, Duration maxWait) {
        return new Bulkhead(new BulkheadPolicy("Service#call", maxConcurrent, maxWaiting, maxWait));
    }

    @Test
    void syncCallBeyondMaxConcurrentIsRejectedAtOnceWithoutWaitTime() throws Exception {
        Bulkhead permits = bulkhead(2, 10, Duration.ZERO);
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        TestInvocation blocking = new TestInvocation(attempt -> {
            running.countDown();
            release.await();
            return "done";
        });
        List<Future<Object>> holders = List.of(inBackground(bulkhead(permits), blocking), inBackground(bulkhead(permits),
                blocking));
        assertThat(running.await(10, SECONDS)).isTrue();

        assertThatThrownBy(() -> bulkhead(permits).call(new TestInvocation(attempt -> "third")))
                .isInstanceOf(BulkheadFullException.class)
                .hasMessage("bulkhead Service#call is full: 2 calls running and 0 of 10 allowed waiting");

        release.countDown();
        for (Future<Object> holder : holders) {
            assertThat(holder.get(10, SECONDS)).isEqualTo("done");
        }
        assertThat(permits.running()).isZero();
    }

    @Test
    void syncCallerWaitsForAFreedPermitUpToMaxWait() throws Exception {
        Bulkhead permits = bulkhead(1, 1, Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = holdPermitUntil(permits, release);

        Future<Object> waiter = inBackground(bulkhead(permits), new TestInvocation(attempt -> "second"));
        clock.awaitPendingTimers(1, Duration.ofSeconds(10));
        assertThat(permits.waiting()).isEqualTo(1);
        assertThatThrownBy(() -> bulkhead(permits).call(new TestInvocation(attempt -> "third")))
                .as("maxWaiting 1 is taken").isInstanceOf(BulkheadFullException.class);
        release.countDown();

        assertThat(holder.get(10, SECONDS)).isEqualTo("first");
        assertThat(waiter.get(10, SECONDS)).isEqualTo("second");
        assertThat(permits.running()).isZero();
        assertThat(clock.pendingTimers()).as("the wait timer is called off").isZero();
    }

    @Test
    void syncCallerWhoseWaitRunsOutIsRejectedAndLeavesTheQueue() throws Exception {
        Bulkhead permits = bulkhead(1, 1, Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = holdPermitUntil(permits, release);
        TestInvocation late = new TestInvocation(attempt -> "never");
        Future<Object> waiter = inBackground(bulkhead(permits), late);
        clock.awaitPendingTimers(1, Duration.ofSeconds(10));

        clock.advance(Duration.ofMillis(100));

        assertThatThrownBy(() -> waiter.get(10, SECONDS)).cause()
                .isInstanceOf(BulkheadFullException.class)
                .hasMessage("bulkhead Service#call had no free permit within 100ms (1 calls running)");
        assertThat(permits.waiting()).isZero();
        release.countDown();
        holder.get(10, SECONDS);
        assertThat(late.attempts()).isZero();
        assertThat(permits.running()).isZero();
    }

    @Test
    void asyncCallsQueueWithoutBlockingAndStartInArrivalOrder() {
        Bulkhead permits = bulkhead(1, 3, Duration.ZERO);
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<Object> firstWork = new CompletableFuture<>();
        CompletableFuture<Object> first = bulkhead(permits).callAsync(new TestInvocation(attempt -> {
            started.add("first");
            return firstWork;
        }));
        List<CompletableFuture<Object>> queued = List.of("second", "third", "fourth").stream()
                .map(name -> bulkhead(permits).callAsync(new TestInvocation(attempt -> {
                    started.add(name);
                    return CompletableFuture.completedFuture(name);
                })))
                .toList();

        assertThat(started).containsExactly("first");
        assertThat(permits.waiting()).isEqualTo(3);
        assertThatThrownBy(() -> bulkhead(permits).callAsync(new TestInvocation(attempt -> "fifth")).join())
                .cause().isInstanceOf(BulkheadFullException.class);

        firstWork.complete("first");

        assertThat(first).isCompletedWithValue("first");
        assertThat(started).containsExactly("first", "second", "third", "fourth");
        assertThat(queued).allSatisfy(future -> assertThat(future).isDone());
        assertThat(permits.running()).isZero();
        assertThat(permits.waiting()).isZero();
    }

    @Test
    void queuedAsyncCallThatIsCancelledNeverRunsAndFreesItsPlace() {
        Bulkhead permits = bulkhead(1, 1, Duration.ZERO);
        CompletableFuture<Object> firstWork = new CompletableFuture<>();
        bulkhead(permits).callAsync(new TestInvocation(attempt -> firstWork));
        TestInvocation cancelled = new TestInvocation(attempt -> CompletableFuture.completedFuture("never"));

        bulkhead(permits).callAsync(cancelled).cancel(true);
        assertThat(permits.waiting()).isZero();
        CompletableFuture<Object> next = bulkhead(permits).callAsync(new TestInvocation(attempt ->
                CompletableFuture.completedFuture("next")));
        firstWork.complete("first");

        assertThat(cancelled.attempts()).isZero();
        assertThat(next).isCompletedWithValue("next");
        assertThat(permits.running()).isZero();
    }

    @Test
    void asyncExecutionHoldsItsPermitUntilItsFutureCompletesWhateverTheOutcome() {
        Bulkhead permits = bulkhead(2, 0, Duration.ZERO);
        CompletableFuture<Object> failing = new CompletableFuture<>();
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        bulkhead(permits).callAsync(new TestInvocation(attempt -> failing));
        CompletableFuture<Object> toCancel = bulkhead(permits).callAsync(new TestInvocation(attempt -> cancelled));
        bulkhead(permits).callAsync(new TestInvocation(attempt -> {
            throw new IllegalStateException("an async method that throws");
        }));
        assertThat(permits.running()).isEqualTo(2);

        failing.completeExceptionally(new IOException());
        toCancel.cancel(true);

        assertThat(cancelled).isCancelled();
        assertThat(permits.running()).isZero();
    }

    @Test
    void interruptedWaiterLeavesTheQueueAndKeepsItsFlag() throws Exception {
        Bulkhead permits = bulkhead(1, 1, Duration.ofSeconds(1));
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = holdPermitUntil(permits, release);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                bulkhead(permits).call(new TestInvocation(attempt -> "never"));
            } catch (Throwable failure) {
                thrown.complete(failure);
            }
            flag.complete(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        clock.awaitPendingTimers(1, Duration.ofSeconds(10));

        waiter.interrupt();

        assertThat(thrown.get(10, SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(flag.get(10, SECONDS)).isTrue();
        assertThat(permits.waiting()).isZero();
        release.countDown();
        holder.get(10, SECONDS);
        assertThat(permits.running()).isZero();
    }

    @Test
    void aWaiterThatGivesUpTwiceNeverReleasesAPermitItDoesNotHold() {
        Bulkhead permits = bulkhead(1, 2, Duration.ofSeconds(1));
        int held = permits.tryAcquire();
        Bulkhead.Waiter gaveUp = permits.enqueue();
        Bulkhead.Waiter next = permits.enqueue();

        assertThat(gaveUp.abandon()).as("its wait ran out").isTrue();
        assertThat(gaveUp.abandon()).as("and it was interrupted too: still no permit to release").isTrue();
        permits.release(held);

        assertThat(next.decision()).isCompletedWithValue(held);
        assertThat(permits.waiting()).isZero();
    }

    @Test
    void aWaiterGrantedBeforeGivingUpKnowsItHoldsThePermit() {
        Bulkhead permits = bulkhead(1, 1, Duration.ofSeconds(1));
        int held = permits.tryAcquire();
        Bulkhead.Waiter waiter = permits.enqueue();
        permits.release(held);

        assertThat(waiter.abandon()).isFalse();
        assertThat(waiter.decision()).isCompletedWithValue(held);
    }

    /** Starts a call that takes a permit and keeps it until {@code release}; returns once it holds it. */
    private Future<Object> holdPermitUntil(Bulkhead permits, CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Future<Object> holder = inBackground(bulkhead(permits), new TestInvocation(attempt -> {
            running.countDown();
            release.await();
            return "first";
        }));
        assertThat(running.await(10, SECONDS)).isTrue();
        return holder;
    }

    private Future<Object> inBackground(BulkheadStrategy<TestInvocation> strategy, TestInvocation invocation) {
        return Background.call(callers, strategy, invocation);
    }

    @Test
    void aMaxWaitBeyondWhatNanosecondsHoldWaitsForTheNextPermit() throws Exception {
        Bulkhead permits = bulkhead(1, 1, Duration.ofDays(100_000_000));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> holder = inBackground(bulkhead(permits), new TestInvocation(attempt -> {
            running.countDown();
            release.await();
            return "first";
        }));
        assertThat(running.await(10, SECONDS)).isTrue();
        Future<Object> waiter = inBackground(bulkhead(permits), new TestInvocation(attempt -> "second"));
        while (permits.waiting() == 0) {
            Thread.onSpinWait();
        }

        release.countDown();

        assertThat(holder.get(10, SECONDS)).isEqualTo("first");
        assertThat(waiter.get(10, SECONDS)).isEqualTo("second");
    }
}
