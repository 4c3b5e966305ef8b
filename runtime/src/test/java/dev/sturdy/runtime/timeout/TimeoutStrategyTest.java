package dev.sturdy.runtime.timeout;

import dev.sturdy.runtime.core.PolicyEvents;
import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.testing.Background;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sync timeouts run the work on a worker thread while the caller waits, so these tests use real
 * threads for the work and the caller, a manual clock for the deadline, and latches to know when
 * to move time. Nothing here waits for real time to pass except for a thread to react.
 */
class TimeoutStrategyTest {

    private static final Duration REACT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        workers.shutdownNow();
        callers.shutdownNow();
        assertThat(workers.awaitTermination(10, SECONDS)).isTrue();
    }

    private TimeoutStrategy<TestInvocation> timeout(String name, Duration timeout, Strategy<TestInvocation> delegate) {
        return new TimeoutStrategy<>(new TimeoutPolicy(name, timeout), delegate, TestInvoker.INSTANCE, clock, workers, PolicyEvents.NONE);
    }

    private TimeoutStrategy<TestInvocation> timeout(Duration timeout) {
        return timeout("Service#call", timeout, TestInvoker.sentinel());
    }

    @Test
    void syncCallThatFinishesInTimeReturnsItsResultAndCallsOffTheTimer() throws Throwable {
        assertThat(timeout(Duration.ofSeconds(1)).call(new TestInvocation(attempt -> "done"))).isEqualTo("done");
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void syncCallPassesTheWorkersFailureOnUnchanged() {
        IOException failure = new IOException("broken");
        assertThatThrownBy(() -> timeout(Duration.ofSeconds(1)).call(new TestInvocation(attempt -> {
            throw failure;
        }))).isSameAs(failure);
    }

    @Test
    void syncCallIsInterruptedAtTheDeadline() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(blockUntilInterrupted(started, interrupted));

        Future<?> caller = callInBackground(timeout(Duration.ofSeconds(1)), invocation);
        assertThat(started.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(999));
        assertThat(caller).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause()
                .isInstanceOf(TimeoutExceededException.class)
                .hasMessage("Service#call did not finish within 1s");
        assertThat(interrupted.await(10, SECONDS)).as("the work was interrupted").isTrue();
    }

    @Test
    void syncCallerGetsTheTimeoutOnTimeEvenIfTheWorkIgnoresTheInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(attempt -> {
            started.countDown();
            awaitUninterruptibly(release);
            finished.countDown();
            return "too late";
        });

        Future<?> caller = callInBackground(timeout(Duration.ofMillis(300)), invocation);
        assertThat(started.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(300));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);
        assertThat(finished.getCount()).as("the work is still running").isEqualTo(1);
        release.countDown();
        assertThat(finished.await(10, SECONDS)).isTrue();
    }

    @Test
    void innerTimeoutGetsOnlyWhatIsLeftOfTheOuterOne() throws Exception {
        CountDownLatch innerStarted = new CountDownLatch(1);
        CompletableFuture<Throwable> innerFailure = new CompletableFuture<>();
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), TestInvoker.sentinel());
        TestInvocation innerCall = new TestInvocation(attempt -> {
            innerStarted.countDown();
            new CountDownLatch(1).await();
            return "never";
        });
        CountDownLatch outerStarted = new CountDownLatch(1);
        CountDownLatch proceedToInner = new CountDownLatch(1);
        TestInvocation outerCall = new TestInvocation(attempt -> {
            outerStarted.countDown();
            proceedToInner.await();
            try {
                return inner.call(innerCall);
            } catch (Throwable failure) {
                innerFailure.complete(failure);
                throw failure;
            }
        });

        Future<?> caller = callInBackground(timeout("Outer#call", Duration.ofSeconds(1), TestInvoker.sentinel()), outerCall);
        assertThat(outerStarted.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(600));
        proceedToInner.countDown();
        assertThat(innerStarted.await(10, SECONDS)).isTrue();
        clock.awaitPendingTimers(2, REACT);
        clock.advance(Duration.ofMillis(400));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);
        assertThat(innerFailure.get(10, SECONDS))
                .isInstanceOf(TimeoutExceededException.class)
                .hasMessage("Inner#call did not finish within 400ms (what was left of an enclosing @Timeout; its own is 5s)");
    }

    @Test
    void innerCallIsNotStartedWhenTheOuterDeadlineHasPassed() throws Exception {
        TestInvocation innerCall = new TestInvocation(attempt -> "should not run");
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), TestInvoker.sentinel());

        Object result = Deadline.within(clock.nanoTime() - 1, () -> {
            try {
                return inner.call(innerCall);
            } catch (Throwable failure) {
                return failure;
            }
        });

        assertThat(result).isInstanceOf(TimeoutExceededException.class)
                .extracting(r -> ((Throwable) r).getMessage())
                .isEqualTo("Inner#call was not started: the deadline of an enclosing @Timeout has passed");
        assertThat(innerCall.attempts()).isZero();
    }

    @Test
    void interruptedSyncCallerCancelsTheWorkAndKeepsTheFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch workInterrupted = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(blockUntilInterrupted(started, workInterrupted));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch callerDone = new CountDownLatch(1);
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                timeout(Duration.ofSeconds(1)).call(invocation);
            } catch (Throwable failure) {
                thrown.set(failure);
            }
            flagKept.set(Thread.currentThread().isInterrupted());
            callerDone.countDown();
        });
        caller.start();
        assertThat(started.await(10, SECONDS)).isTrue();

        caller.interrupt();

        assertThat(callerDone.await(10, SECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(flagKept.get()).isTrue();
        assertThat(workInterrupted.await(10, SECONDS)).isTrue();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void asyncResultFailsAtTheDeadlineAndTheWorkIsCancelled() {
        CompletableFuture<Object> work = new CompletableFuture<>();

        CompletableFuture<Object> result = timeout(Duration.ofSeconds(2)).callAsync(new TestInvocation(attempt -> work));
        clock.advance(Duration.ofMillis(1999));
        assertThat(result).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).cause()
                .isInstanceOf(TimeoutExceededException.class)
                .hasMessage("Service#call did not finish within 2s");
        assertThat(work).isCancelled();
    }

    @Test
    void asyncResultThatCompletesInTimeCallsOffTheTimer() {
        CompletableFuture<Object> work = new CompletableFuture<>();

        CompletableFuture<Object> result = timeout(Duration.ofSeconds(2)).callAsync(new TestInvocation(attempt -> work));
        work.complete("value");

        assertThat(result).isCompletedWithValue("value");
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void asyncCallDoesNotBlockTheCaller() {
        CompletableFuture<Object> result = timeout(Duration.ofSeconds(2)).callAsync(new TestInvocation(attempt -> new CompletableFuture<>()));

        assertThat(result).isNotDone();
        result.cancel(true);
        assertThat(clock.pendingTimers()).as("cancelling calls off the timer").isZero();
    }

    @Test
    void cancellingTheAsyncResultCancelsTheWork() {
        CompletableFuture<Object> work = new CompletableFuture<>();

        timeout(Duration.ofSeconds(2)).callAsync(new TestInvocation(attempt -> work)).cancel(true);

        assertThat(work).isCancelled();
    }

    @Test
    void asyncInnerTimeoutStartedByAnOuterOneGetsWhatIsLeft() {
        CompletableFuture<Object> innerWork = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Object>> innerResult = new AtomicReference<>();
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), TestInvoker.sentinel());
        TestInvocation outerCall = new TestInvocation(attempt -> {
            clock.advance(Duration.ofMillis(700));
            innerResult.set(inner.callAsync(new TestInvocation(a -> innerWork)));
            return innerResult.get();
        });

        CompletableFuture<Object> outer = timeout("Outer#call", Duration.ofSeconds(1), TestInvoker.sentinel()).callAsync(outerCall);
        clock.advance(Duration.ofMillis(300));

        assertThatThrownBy(innerResult.get()::join).cause()
                .hasMessage("Inner#call did not finish within 300ms (what was left of an enclosing @Timeout; its own is 5s)");
        assertThat(outer).isCompletedExceptionally();
        assertThat(innerWork).isCancelled();
    }

    private Future<Object> callInBackground(Strategy<TestInvocation> strategy, TestInvocation invocation) {
        return Background.call(callers, strategy, invocation);
    }

    /** A body that signals it started, then blocks until interrupted and signals that too. */
    private static TestInvocation.Body blockUntilInterrupted(CountDownLatch started, CountDownLatch interrupted) {
        return attempt -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException ignored) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
