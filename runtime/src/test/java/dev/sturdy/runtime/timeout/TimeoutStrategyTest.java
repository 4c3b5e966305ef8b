package dev.sturdy.runtime.timeout;

import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.testing.Background;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.Cancellable;
import dev.sturdy.runtime.testing.ManualClockVariant;
import dev.sturdy.runtime.time.ManualClock;
import dev.sturdy.runtime.time.SturdyClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sync timeouts run the work on the caller's thread (interrupted by the watchdog) or, isolated, on
 * a worker thread while the caller waits; these tests use real threads for the caller, a manual
 * clock for the deadline (advancing it runs the watchdog's tick on the advancing thread), and
 * latches to know when to move time. Nothing here waits for real time to pass except for a
 * thread to react.
 *
 * @see CallerThreadTimeoutStressTest
 */
class TimeoutStrategyTest {

    private static final Duration REACT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final Watchdog watchdog = new Watchdog(clock);
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<String> timeouts = new CopyOnWriteArrayList<>();
    private final TimeoutListener events = (method, after) -> timeouts.add(method + " after " + after);

    @AfterEach
    void stopThreads() throws InterruptedException {
        workers.shutdownNow();
        callers.shutdownNow();
        assertThat(workers.awaitTermination(10, SECONDS)).isTrue();
    }

    private TimeoutStrategy<TestInvocation> timeout(String name, Duration timeout, boolean isolated, SturdyClock clock) {
        return new TimeoutStrategy<>(new TimeoutPolicy(name, timeout, isolated), TestInvoker.sentinel(),
                TestInvoker.facilities(clock, new InFlight(), workers),
                watchdog, events);
    }

    private TimeoutStrategy<TestInvocation> timeout(String name, Duration timeout, boolean isolated) {
        return timeout(name, timeout, isolated, clock);
    }

    private TimeoutStrategy<TestInvocation> timeout(Duration timeout, boolean isolated) {
        return timeout("Service#call", timeout, isolated);
    }

    private TimeoutStrategy<TestInvocation> timeout(Duration timeout) {
        return timeout(timeout, false);
    }

    @ParameterizedTest(name = "isolated={0}")
    @ValueSource(booleans = {false, true})
    void syncCallThatFinishesInTimeReturnsItsResult(boolean isolated) throws Throwable {
        assertThat(timeout(Duration.ofSeconds(1), isolated).call(new TestInvocation(attempt -> "done"))).isEqualTo("done");

        clock.advance(Duration.ofSeconds(2));
        assertThat(Thread.currentThread().isInterrupted()).as("no late interrupt").isFalse();
        assertThat(timeouts).isEmpty();
        assertThat(clock.pendingTimers()).isZero();
    }

    @ParameterizedTest(name = "isolated={0}")
    @ValueSource(booleans = {false, true})
    void syncCallPassesTheWorksFailureOnUnchanged(boolean isolated) {
        IOException failure = new IOException("broken");
        assertThatThrownBy(() -> timeout(Duration.ofSeconds(1), isolated).call(new TestInvocation(attempt -> {
            throw failure;
        }))).isSameAs(failure);
    }

    @ParameterizedTest(name = "isolated={0}")
    @ValueSource(booleans = {false, true})
    void syncCallIsInterruptedAtTheDeadline(boolean isolated) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(blockUntilInterrupted(started, interrupted));

        Future<?> caller = callInBackground(timeout(Duration.ofSeconds(1), isolated), invocation);
        assertThat(started.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(999));
        assertThat(caller).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause()
                .isInstanceOf(TimeoutExceededException.class)
                .hasMessage("Service#call did not finish within 1s");
        assertThat(interrupted.await(10, SECONDS)).as("the work was interrupted").isTrue();
        assertThat(timeouts).containsExactly("Service#call after PT1S");
    }

    @Test
    void syncCallRunsOnTheCallersThreadAndSeesItsThreadLocals() throws Throwable {
        ThreadLocal<String> transaction = new ThreadLocal<>();
        transaction.set("tx-1");
        Thread caller = Thread.currentThread();

        Object seen = timeout(Duration.ofSeconds(1)).call(new TestInvocation(attempt ->
                (Thread.currentThread() == caller ? "caller's thread, " : "another thread, ") + transaction.get()));

        assertThat(seen).isEqualTo("caller's thread, tx-1");
    }

    @Test
    void isolatedSyncCallRunsOnAWorker() throws Throwable {
        Thread caller = Thread.currentThread();

        Object sameThread = timeout(Duration.ofSeconds(1), true).call(new TestInvocation(attempt ->
                Thread.currentThread() == caller));

        assertThat(sameThread).isEqualTo(false);
    }

    @Test
    void callerWaitsForWorkThatIgnoresTheInterruptThenGetsTheTimeoutWithTheFlagCleared() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        TestInvocation invocation = new TestInvocation(attempt -> {
            started.countDown();
            awaitUninterruptibly(release);
            return "too late";
        });
        TimeoutStrategy<TestInvocation> strategy = timeout(Duration.ofMillis(300));

        Future<?> caller = callers.submit(() -> {
            try {
                return strategy.call(invocation);
            } catch (Throwable failure) {
                flagAfter.set(Thread.currentThread().isInterrupted());
                return failure;
            }
        });
        assertThat(started.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(300));
        assertThat(caller).as("the caller's thread is the work's: it returns when the work does").isNotDone();
        release.countDown();

        assertThat(caller.get(10, SECONDS)).isInstanceOf(TimeoutExceededException.class);
        assertThat(flagAfter.get()).as("the watchdog's interrupt is taken back").isFalse();
        assertThat(timeouts).hasSize(1);
    }

    @Test
    void workThatSwallowsTheInterruptAndReturnsLateStillTimesOut() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(attempt -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException swallowed) {
                // a body that ignores the interrupt and returns a value anyway
            }
            return "value after the deadline";
        });

        Future<?> caller = callInBackground(timeout(Duration.ofMillis(300)), invocation);
        assertThat(started.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(300));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);
    }

    @Test
    void isolatedCallerGetsTheTimeoutOnTimeEvenIfTheWorkIgnoresTheInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(attempt -> {
            started.countDown();
            awaitUninterruptibly(release);
            finished.countDown();
            return "too late";
        });

        Future<?> caller = callInBackground(timeout(Duration.ofMillis(300), true), invocation);
        assertThat(started.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(300));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);
        assertThat(finished.getCount()).as("the work is still running").isEqualTo(1);
        release.countDown();
        assertThat(finished.await(10, SECONDS)).isTrue();
    }

    @ParameterizedTest(name = "isolated={0}")
    @ValueSource(booleans = {false, true})
    void innerTimeoutGetsOnlyWhatIsLeftOfTheOuterOne(boolean isolated) throws Exception {
        CountDownLatch innerStarted = new CountDownLatch(1);
        CompletableFuture<Throwable> innerFailure = new CompletableFuture<>();
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), isolated);
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

        Future<?> caller = callInBackground(timeout("Outer#call", Duration.ofSeconds(1), isolated), outerCall);
        assertThat(outerStarted.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(600));
        proceedToInner.countDown();
        assertThat(innerStarted.await(10, SECONDS)).isTrue();
        clock.awaitPendingTimers(isolated ? 2 : 0, REACT);
        clock.advance(Duration.ofMillis(400));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);
        assertThat(innerFailure.get(10, SECONDS))
                .isInstanceOf(TimeoutExceededException.class)
                .hasMessage("Inner#call did not finish within 400ms (what was left of an enclosing @Timeout; its own is 5s)");
    }

    @ParameterizedTest(name = "isolated={0}")
    @ValueSource(booleans = {false, true})
    void innerCallIsNotStartedWhenTheOuterDeadlineHasPassed(boolean isolated) throws Exception {
        TestInvocation innerCall = new TestInvocation(attempt -> "should not run");
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), isolated);
        CompletableFuture<Throwable> innerOutcome = new CompletableFuture<>();
        TestInvocation outerCall = new TestInvocation(attempt -> {
            clock.advance(Duration.ofSeconds(2));
            try {
                return inner.call(innerCall);
            } catch (Throwable failure) {
                innerOutcome.complete(failure);
                throw failure;
            }
        });

        Future<?> caller = callInBackground(timeout("Outer#call", Duration.ofSeconds(1), isolated), outerCall);

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);
        // isolated, the outer caller is answered at its deadline while its work goes on: wait for it
        assertThat(innerOutcome.get(10, SECONDS)).isInstanceOf(TimeoutExceededException.class)
                .hasMessage("Inner#call was not started: the deadline of an enclosing @Timeout has passed");
        assertThat(innerCall.attempts()).isZero();
    }

    @Test
    void syncTimeoutInsideAnAsyncOneLeavesTheSyncCallAroundBothItsOwnDeadline() throws Exception {
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), false);
        TimeoutStrategy<TestInvocation> middle = timeout("Middle#call", Duration.ofMillis(100), false);
        CountDownLatch middleStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<CompletableFuture<Object>> middleResult = new AtomicReference<>();
        TestInvocation outerCall = new TestInvocation(attempt -> {
            middleResult.set(middle.callAsync(new TestInvocation(a -> {
                inner.call(new TestInvocation(b -> "quick"));
                return new CompletableFuture<>();
            })));
            middleStarted.countDown();
            release.await();
            return "outer done";
        });

        Future<?> caller = callInBackground(timeout("Outer#call", Duration.ofSeconds(10), false), outerCall);
        assertThat(middleStarted.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(150));
        release.countDown();

        assertThat(middleResult.get()).isCompletedExceptionally();
        assertThat(caller.get(10, SECONDS)).as("the outer call's deadline is 10s, not the async one's 100ms")
                .isEqualTo("outer done");
        assertThat(timeouts).containsExactly("Middle#call after PT0.1S");
    }

    @Test
    void isolatedTimeoutInsideOneOnTheCallersThreadWithTheSameDeadlineIsReportedOnceEach() throws Exception {
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), true);
        CountDownLatch innerStarted = new CountDownLatch(1);
        TestInvocation outerCall = new TestInvocation(attempt -> inner.call(new TestInvocation(blockUntilInterrupted(innerStarted,
                new CountDownLatch(1)))));

        Future<?> caller = callInBackground(timeout("Outer#call", Duration.ofSeconds(1), false), outerCall);
        assertThat(innerStarted.await(10, SECONDS)).isTrue();
        clock.awaitPendingTimers(1, REACT);
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);
        // the outer call's work ended (with the inner timeout) as its own deadline came: whether the
        // watchdog claimed it first is a race, reported at most once like the inner one
        assertThat(timeouts).contains("Inner#call after PT1S").doesNotHaveDuplicates()
                .isSubsetOf("Inner#call after PT1S", "Outer#call after PT1S");
    }

    @Test
    void interruptedIsolatedCallerCancelsTheWorkAndKeepsTheFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch workInterrupted = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(blockUntilInterrupted(started, workInterrupted));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch callerDone = new CountDownLatch(1);
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                timeout(Duration.ofSeconds(1), true).call(invocation);
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
    void callerInterruptedByItsOwnCallerGetsTheWorksReactionAndNoLaterInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch workInterrupted = new CountDownLatch(1);
        TestInvocation invocation = new TestInvocation(blockUntilInterrupted(started, workInterrupted));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch callerDone = new CountDownLatch(1);
        CountDownLatch deadlinePassed = new CountDownLatch(1);
        AtomicReference<Boolean> interruptedLater = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                timeout(Duration.ofSeconds(1)).call(invocation);
            } catch (Throwable failure) {
                thrown.set(failure);
            }
            callerDone.countDown();
            awaitUninterruptibly(deadlinePassed);
            interruptedLater.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(started.await(10, SECONDS)).isTrue();

        caller.interrupt();
        assertThat(callerDone.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        deadlinePassed.countDown();
        caller.join(10_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(interruptedLater.get()).as("the deadline passed after the call ended: no interrupt").isFalse();
        assertThat(timeouts).isEmpty();
    }

    /** On the caller's thread the same race is settled by the watch: see CallerThreadTimeoutStressTest. */
    @Test
    void isolatedWorkThatFinishesAsTheTimerFiresIsNotReportedAsATimeout() throws Throwable {
        SturdyClock tooLateToCallOff = new ClockWhoseTimersCannotBeCalledOff(clock);

        Object result = timeout("Service#call", Duration.ofSeconds(1), true, tooLateToCallOff)
                .call(new TestInvocation(attempt -> "done"));
        clock.advance(Duration.ofSeconds(1));

        assertThat(result).isEqualTo("done");
        assertThat(timeouts).as("the work won: no timeout to report").isEmpty();
    }

    @Test
    void asyncWorkThatCompletesAsTheTimerFiresIsNotReportedAsATimeout() {
        CompletableFuture<Object> work = new CompletableFuture<>();
        TimeoutStrategy<TestInvocation> strategy = timeout("Service#call", Duration.ofSeconds(1), false,
                new ClockWhoseTimersCannotBeCalledOff(clock));

        CompletableFuture<Object> result = strategy.callAsync(new TestInvocation(attempt -> work));
        work.complete("done");
        clock.advance(Duration.ofSeconds(1));

        assertThat(result).isCompletedWithValue("done");
        assertThat(timeouts).isEmpty();
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
        CompletableFuture<Object> result = timeout(Duration.ofSeconds(2)).callAsync(new TestInvocation(attempt ->
                new CompletableFuture<>()));

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
        TimeoutStrategy<TestInvocation> inner = timeout("Inner#call", Duration.ofSeconds(5), false);
        TestInvocation outerCall = new TestInvocation(attempt -> {
            clock.advance(Duration.ofMillis(700));
            innerResult.set(inner.callAsync(new TestInvocation(a -> innerWork)));
            return innerResult.get();
        });

        CompletableFuture<Object> outer = timeout("Outer#call", Duration.ofSeconds(1), false).callAsync(outerCall);
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

    /** A clock whose timers, once scheduled, run whatever happens: as if each had already started when called off. */
    private static final class ClockWhoseTimersCannotBeCalledOff extends ManualClockVariant {
        ClockWhoseTimersCannotBeCalledOff(ManualClock clock) {
            super(clock);
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            clock.schedule(task, delayNanos);
            return () -> { };
        }
    }
}
