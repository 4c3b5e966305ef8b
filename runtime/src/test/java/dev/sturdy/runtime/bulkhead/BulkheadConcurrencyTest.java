package dev.sturdy.runtime.bulkhead;

import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.SystemClock;
import dev.sturdy.runtime.timeout.TimeoutPolicy;
import dev.sturdy.runtime.timeout.TimeoutListener;
import dev.sturdy.runtime.timeout.TimeoutStrategy;
import dev.sturdy.runtime.timeout.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.Collections;

/**
 * Many threads and async calls against one bulkhead, with every kind of ending mixed in:
 * success, failure, timeout (the work is interrupted, or ignores the interrupt for a while),
 * cancellation while queued and while running. The assertions are invariants, not timings: the
 * number of bodies running at once never exceeds the limit, and at the end every permit is back.
 */
class BulkheadConcurrencyTest {

    private static final int LIMIT = 3;
    private static final int ENOUGH_EXECUTIONS = 500;

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final SystemClock clock = new SystemClock(workers);
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();
    private final AtomicInteger executions = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        clock.close();
        workers.shutdownNow();
        assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void limitHoldsAndEveryPermitComesBackAfterAStormOfMixedEndings() throws Exception {
        Bulkhead bulkhead = new Bulkhead(new BulkheadPolicy("storm", LIMIT, 4, Duration.ofMillis(2)));
        Strategy<TestInvocation> sync = new TimeoutStrategy<>(new TimeoutPolicy("storm", Duration.ofMillis(3), true),
                new BulkheadStrategy<>(bulkhead, TestInvoker.sentinel(), TestInvoker.facilities(clock), BulkheadListener.NONE),
                TestInvoker.facilities(clock, new InFlight(), workers), new Watchdog(clock), TimeoutListener.NONE);
        BulkheadStrategy<TestInvocation> async = new BulkheadStrategy<>(bulkhead, TestInvoker.sentinel(),
                TestInvoker.facilities(clock),
                BulkheadListener.NONE);
        int threads = 12;
        int callsPerThread = 300;
        CountDownLatch done = new CountDownLatch(threads);
        List<CompletableFuture<Object>> pending = Collections.synchronizedList(new ArrayList<>());

        for (int t = 0; t < threads; t++) {
            workers.execute(() -> {
                try {
                    // at least callsPerThread calls each, and on until enough bodies ran (rejections are fast)
                    for (int i = 0; i < callsPerThread || executions.get() < ENOUGH_EXECUTIONS && i < 50 * callsPerThread; i++) {
                        if (ThreadLocalRandom.current().nextBoolean()) {
                            try {
                                sync.call(new TestInvocation(attempt -> body()));
                            } catch (Throwable expected) {
                                // failures, timeouts and rejections are all part of the storm
                            }
                        } else {
                            CompletableFuture<Object> result = async.callAsync(new TestInvocation(attempt -> {
                                CountedWork work = new CountedWork();
                                workers.execute(() -> finishRandomly(work));
                                return work;
                            }));
                            if (ThreadLocalRandom.current().nextInt(4) == 0) {
                                result.cancel(true);
                            }
                            pending.add(result);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }

        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        // timed-out sync work may still run after its caller returned: it holds its permit until
        // it ends, and every body runs on the workers, so their termination is the end of the storm
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        synchronized (pending) {
            assertThat(pending).as("every call ended; bulkhead: %d running, %d waiting", bulkhead.running(), bulkhead.waiting())
                    .allSatisfy(future -> assertThat(future).isDone());
        }
        assertThat(executions.get()).as("the storm ran bodies, not only rejections").isGreaterThanOrEqualTo(ENOUGH_EXECUTIONS);
        assertThat(highWater.get()).isLessThanOrEqualTo(LIMIT);
        assertThat(bulkhead.running()).isZero();
        assertThat(bulkhead.waiting()).isZero();
    }

    private Object body() throws Exception {
        enter();
        try {
            switch (ThreadLocalRandom.current().nextInt(4)) {
                case 0 -> throw new IOException("failed");
                case 1 -> Thread.sleep(10);
                case 2 -> {
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                default -> Thread.yield();
            }
            return "ok";
        } finally {
            leave();
        }
    }

    private void enter() {
        executions.incrementAndGet();
        int now = inside.incrementAndGet();
        highWater.accumulateAndGet(now, Math::max);
    }

    private void leave() {
        inside.decrementAndGet();
    }

    /**
     * An async execution: it starts when the method returns it and ends when it completes, which
     * is also when its permit goes back; so it leaves the count before its dependents run.
     */
    private final class CountedWork extends CompletableFuture<Object> {

        private static final int INSIDE = 0;
        private static final int LEAVING = 1;
        private static final int LEFT = 2;

        private final AtomicInteger state = new AtomicInteger(INSIDE);

        CountedWork() {
            enter();
        }

        @Override
        public boolean complete(Object value) {
            leaveOnce();
            return super.complete(value);
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            leaveOnce();
            return super.completeExceptionally(failure);
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            leaveOnce();
            return super.cancel(mayInterrupt);
        }

        /**
         * Leaves the count once, and, for every ending, before the future completes: an ending that
         * loses the race waits until the winner has left, or its completion could free the permit
         * while this work is still counted inside.
         */
        private void leaveOnce() {
            if (state.compareAndSet(INSIDE, LEAVING)) {
                leave();
                state.set(LEFT);
            }
            while (state.get() != LEFT) {
                Thread.onSpinWait();
            }
        }
    }

    private static void finishRandomly(CompletableFuture<Object> work) {
        switch (ThreadLocalRandom.current().nextInt(3)) {
            case 0 -> work.complete("ok");
            case 1 -> work.completeExceptionally(new IOException("failed"));
            default -> work.cancel(true);
        }
    }
}
