package dev.sturdy.runtime.hedge;

import dev.sturdy.runtime.bulkhead.Bulkhead;
import dev.sturdy.runtime.bulkhead.BulkheadListener;
import dev.sturdy.runtime.bulkhead.BulkheadPolicy;
import dev.sturdy.runtime.bulkhead.BulkheadStrategy;
import dev.sturdy.runtime.circuit.CircuitBreaker;
import dev.sturdy.runtime.circuit.CircuitBreakerPolicy;
import dev.sturdy.runtime.circuit.CircuitBreakerStrategy;
import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.core.Facilities;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.core.Invoker;
import dev.sturdy.runtime.core.Sentinel;
import dev.sturdy.runtime.core.Strategy;
import dev.sturdy.runtime.retry.RetryBudget;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hedged calls on a manual clock: a hedge starts only when the delay passes, the first success
 * wins, every other attempt is cancelled and gives its permit back, and a sync caller's thread is
 * left without an interrupt flag.
 */
class HedgeStrategyTest {

    private static final Duration DELAY = Duration.ofMillis(5);
    private static final long WAIT = 10;

    private final ManualClock clock = new ManualClock();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final InFlight inFlight = new InFlight();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final HedgeListener listener = new HedgeListener() {
        @Override
        public void hedged(String method, int attempt) {
            heard.add("hedged " + attempt);
        }

        @Override
        public void hedgeWon(String method, int attempt) {
            heard.add("won " + attempt);
        }

        @Override
        public void hedgeBudgetExhausted(String method, String budget) {
            heard.add("budget " + budget);
        }
    };

    @AfterEach
    void stop() throws InterruptedException {
        workers.shutdownNow();
        assertThat(workers.awaitTermination(WAIT, TimeUnit.SECONDS)).isTrue();
    }

    private HedgeStrategy<TestInvocation> hedge(int maxHedges, RetryBudget budget, Strategy<TestInvocation> inside) {
        return new HedgeStrategy<>(new HedgePolicy("Prices#quote", DELAY, maxHedges), budget, true, inside,
                TestInvoker.facilities(clock, inFlight, workers), listener);
    }

    private HedgeStrategy<TestInvocation> hedge(int maxHedges) {
        return hedge(maxHedges, null, TestInvoker.sentinel());
    }

    /** Asserts that no hedge starts however long the clock runs on. */
    private void assertNothingStartsLater() {
        List<String> before = List.copyOf(heard);
        clock.advance(DELAY.multipliedBy(10));
        assertThat(heard).isEqualTo(before);
    }

    /** @return a call whose every attempt is a future that stays pending, added to {@code attempts} */
    private static TestInvocation pending(List<CompletableFuture<Object>> attempts) {
        return new TestInvocation(attempt -> {
            CompletableFuture<Object> work = new CompletableFuture<>();
            attempts.add(work);
            return work;
        });
    }

    @Test
    void aFastCallStartsNoHedgeAndLeavesNoTimer() throws Throwable {
        TestInvocation call = new TestInvocation(attempt -> "first");

        assertThat(hedge(1).call(call)).isEqualTo("first");
        assertThat(hedge(1).callAsync(new TestInvocation(attempt -> CompletableFuture.completedFuture("async"))))
                .isCompletedWithValue("async");

        assertThat(call.attempts()).isEqualTo(1);
        assertNothingStartsLater();
        assertThat(heard).isEmpty();
    }

    @Test
    void syncHedgeWinsAndTheCallersAttemptIsInterruptedWithoutLeavingTheFlag() throws Exception {
        CountDownLatch firstWaiting = new CountDownLatch(1);
        CompletableFuture<Boolean> firstInterrupted = new CompletableFuture<>();
        TestInvocation call = new TestInvocation(attempt -> {
            if (attempt == 1) {
                firstWaiting.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException interrupted) {
                    firstInterrupted.complete(true);
                    Thread.currentThread().interrupt();
                    throw interrupted;
                }
            }
            return "hedge " + attempt;
        });
        HedgeStrategy<TestInvocation> hedge = hedge(1);
        CompletableFuture<Object> result = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        callOnNewThread(hedge, call, result, flagAfter);
        assertThat(firstWaiting.await(WAIT, TimeUnit.SECONDS)).isTrue();

        clock.advance(DELAY);

        assertThat(result.get(WAIT, TimeUnit.SECONDS)).isEqualTo("hedge 2");
        assertThat(firstInterrupted.get(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(flagAfter.get(WAIT, TimeUnit.SECONDS)).as("caller's interrupt flag after the call").isFalse();
        assertThat(heard).containsExactly("hedged 2", "won 2");
        assertNothingStartsLater();
    }

    @Test
    void syncCallerWinsAndTheHedgeOnAWorkerIsInterrupted() throws Throwable {
        CountDownLatch hedgeRunning = new CountDownLatch(1);
        CountDownLatch firstMayReturn = new CountDownLatch(1);
        CompletableFuture<Boolean> hedgeInterrupted = new CompletableFuture<>();
        TestInvocation call = new TestInvocation(attempt -> {
            if (attempt == 1) {
                // the hedge starts while this attempt runs; this one then returns first
                clock.advance(DELAY);
                assertThat(hedgeRunning.await(WAIT, TimeUnit.SECONDS)).isTrue();
                return "first";
            }
            hedgeRunning.countDown();
            try {
                firstMayReturn.await();
            } catch (InterruptedException interrupted) {
                hedgeInterrupted.complete(true);
                throw interrupted;
            }
            return "hedge";
        });

        assertThat(hedge(1).call(call)).isEqualTo("first");

        assertThat(hedgeInterrupted.get(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(heard).containsExactly("hedged 2");
    }

    @Test
    void whenEveryAttemptFailsTheLastFailureIsThrownWithTheOthersSuppressed() {
        CountDownLatch hedgeFailed = new CountDownLatch(1);
        TestInvocation call = new TestInvocation(attempt -> {
            if (attempt == 1) {
                clock.advance(DELAY);
                assertThat(hedgeFailed.await(WAIT, TimeUnit.SECONDS)).isTrue();
                throw new IOException("first failed");
            }
            hedgeFailed.countDown();
            throw new IOException("hedge failed");
        });

        // which of the two ends last is a race; whichever it is carries the other
        assertThatThrownBy(() -> hedge(1).call(call)).isInstanceOf(IOException.class)
                .satisfies(last -> assertThat(last.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly(last.getMessage().equals("first failed") ? "hedge failed" : "first failed"));
    }

    @Test
    void aFailureBeforeTheDelayIsTheCallsOwnUnchanged() {
        IOException failure = new IOException("failed fast");
        TestInvocation call = new TestInvocation(attempt -> {
            throw failure;
        });

        assertThatThrownBy(() -> hedge(1).call(call)).isSameAs(failure);
        assertThat(failure.getSuppressed()).isEmpty();
        assertNothingStartsLater();
        assertThat(call.attempts()).isEqualTo(1);
    }

    @Test
    void asyncHedgesStartOneDelayApartAndTheFirstSuccessCancelsTheRest() {
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        TestInvocation call = pending(attempts);

        CompletableFuture<Object> result = hedge(2).callAsync(call);
        assertThat(attempts).hasSize(1);
        clock.advance(DELAY);
        assertThat(attempts).hasSize(2);
        clock.advance(DELAY);
        assertThat(attempts).hasSize(3);
        clock.advance(DELAY.multipliedBy(10));
        assertThat(attempts).as("no more than maxHedges").hasSize(3);

        attempts.get(1).complete("second");

        assertThat(result).isCompletedWithValue("second");
        assertThat(attempts.get(0)).isCancelled();
        assertThat(attempts.get(2)).isCancelled();
        assertThat(heard).containsExactly("hedged 2", "hedged 3", "won 2");
    }

    @Test
    void aDelayOfZeroStartsEveryHedgeAtOnceOnTimers() {
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        HedgeStrategy<TestInvocation> atOnce = new HedgeStrategy<>(new HedgePolicy("Prices#quote", Duration.ZERO, 2), null,
                true, TestInvoker.sentinel(), TestInvoker.facilities(clock, inFlight, workers), listener);

        CompletableFuture<Object> result = atOnce.callAsync(pending(attempts));
        assertThat(clock.pendingTimers()).isEqualTo(1);
        clock.advance(Duration.ZERO);

        assertThat(attempts).hasSize(3);
        attempts.get(2).complete("third");
        assertThat(result).isCompletedWithValue("third");
        assertThat(attempts.get(0)).isCancelled();
        assertThat(attempts.get(1)).isCancelled();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void cancellingTheCallersFutureCancelsEveryAttemptAndThePendingHedge() {
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        TestInvocation call = pending(attempts);
        CompletableFuture<Object> result = hedge(2).callAsync(call);
        clock.advance(DELAY);

        result.cancel(true);

        assertThat(attempts).hasSize(2).allSatisfy(attempt -> assertThat(attempt).isCancelled());
        assertNothingStartsLater();
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void asyncFailuresEndTheCallOnlyWhenEveryStartedAttemptFailed() {
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        TestInvocation call = pending(attempts);
        CompletableFuture<Object> result = hedge(1).callAsync(call);
        clock.advance(DELAY);

        attempts.get(0).completeExceptionally(new IOException("first"));
        assertThat(result).isNotDone();
        attempts.get(1).completeExceptionally(new IOException("second"));

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCauseInstanceOf(IOException.class).hasRootCauseMessage("second")
                .satisfies(thrown -> assertThat(thrown.getCause().getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("first"));
    }

    @Test
    void theLosersPermitsGoBack() throws Exception {
        Bulkhead bulkhead = new Bulkhead(new BulkheadPolicy("pool", 2, 0, Duration.ZERO));
        Strategy<TestInvocation> inside = new BulkheadStrategy<>(bulkhead, TestInvoker.sentinel(), TestInvoker.facilities(clock),
                BulkheadListener.NONE);
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        TestInvocation call = pending(attempts);
        CompletableFuture<Object> result = hedge(1, null, inside).callAsync(call);
        clock.advance(DELAY);
        assertThat(bulkhead.running()).isEqualTo(2);

        attempts.get(0).complete("first");

        assertThat(result).isCompletedWithValue("first");
        assertThat(bulkhead.running()).isZero();
    }

    @Test
    void aSpentBudgetStartsNoHedge() {
        RetryBudget budget = new RetryBudget("calls", 0.1, Duration.ofSeconds(10), 0, clock);
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        TestInvocation call = pending(attempts);
        HedgeStrategy<TestInvocation> hedge = hedge(1, budget, TestInvoker.sentinel());
        // ten first attempts fund one hedge
        for (int i = 0; i < 9; i++) {
            hedge.callAsync(new TestInvocation(attempt -> CompletableFuture.completedFuture("ok")));
        }

        CompletableFuture<Object> first = hedge.callAsync(call);
        CompletableFuture<Object> second = hedge.callAsync(call);
        clock.advance(DELAY);

        assertThat(attempts).as("one hedge funded").hasSize(3);
        assertThat(heard).containsExactly("hedged 2", "budget calls");
        attempts.forEach(attempt -> attempt.complete("done"));
        assertThat(first).isCompletedWithValue("done");
        assertThat(second).isCompletedWithValue("done");
    }

    /** Calls on a new thread, which completes {@code result} and then {@code flagAfter} with its interrupt flag. */
    private static Thread callOnNewThread(HedgeStrategy<TestInvocation> hedge, TestInvocation call,
            CompletableFuture<Object> result, CompletableFuture<Boolean> flagAfter) {
        Thread caller = new Thread(() -> {
            try {
                result.complete(hedge.call(call));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
            flagAfter.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        return caller;
    }

    /** A call whose first attempt spins, deaf to interrupts, until released, then answers "first"; a hedge answers "hedge". */
    private static TestInvocation firstIgnoresInterruptsUntil(AtomicBoolean release, CountDownLatch entered) {
        return new TestInvocation(attempt -> {
            if (attempt == 1) {
                entered.countDown();
                while (!release.get()) {
                    Thread.onSpinWait();
                }
                return "first";
            }
            return "hedge";
        });
    }

    /** Runs {@code call} on a new thread whose first attempt blocks until interrupted; returns the call's result. */
    private CompletableFuture<Object> slowFirstOnAnotherThread(HedgeStrategy<TestInvocation> hedge, CountDownLatch entered,
            CompletableFuture<Boolean> flagAfter) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        TestInvocation call = new TestInvocation(attempt -> {
            if (attempt == 1) {
                entered.countDown();
                new CountDownLatch(1).await();
            }
            return "hedge";
        });
        callOnNewThread(hedge, call, result, flagAfter);
        return result;
    }

    @Test
    void aLosingSyncAttemptIsNotAFailureForTheBreakerInsideIt() throws Exception {
        CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerPolicy("Prices#quote", 2, 0.5, Duration.ofMinutes(1), 1,
                new ExceptionMatcher(List.of(Throwable.class), List.of()), null), clock, (name, from, to) -> { });
        HedgeStrategy<TestInvocation> hedge = hedge(1, null, new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel()));

        for (int call = 0; call < 3; call++) {
            CountDownLatch entered = new CountDownLatch(1);
            CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
            CompletableFuture<Object> result = slowFirstOnAnotherThread(hedge, entered, flagAfter);
            assertThat(entered.await(WAIT, TimeUnit.SECONDS)).isTrue();
                clock.advance(DELAY);
            assertThat(result.get(WAIT, TimeUnit.SECONDS)).isEqualTo("hedge");
            assertThat(flagAfter.get(WAIT, TimeUnit.SECONDS)).isFalse();
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.window()).as("calls and failures in the window: only the winners").containsExactly(2, 0);
    }

    @Test
    void anInterruptFromSomeoneElseStaysOnTheCallersThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        TestInvocation call = firstIgnoresInterruptsUntil(release, entered);
        CompletableFuture<Object> result = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        Thread caller = callOnNewThread(hedge(1), call, result, flagAfter);
        assertThat(entered.await(WAIT, TimeUnit.SECONDS)).isTrue();
        caller.interrupt(); // the caller's owner cancels it

        clock.advance(DELAY);
        release.set(true);

        assertThat(result.get(WAIT, TimeUnit.SECONDS)).isIn("first", "hedge");
        assertThat(flagAfter.get(WAIT, TimeUnit.SECONDS)).as("the owner's interrupt is kept").isTrue();
    }

    @Test
    void aCallerInterruptedBySomeoneElseGetsTheAnswerAHedgeIsDelivering() throws Exception {
        CountDownLatch winning = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        HedgeListener slowToTell = new HedgeListener() {
            @Override
            public void hedgeWon(String method, int attempt) {
                // the hedge has decided the call; the result completes once this returns
                winning.countDown();
                try {
                    delivered.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        var hedge = new HedgeStrategy<>(new HedgePolicy("Prices#quote", DELAY, 1), null, true, TestInvoker.sentinel(),
                TestInvoker.facilities(clock, inFlight, workers), slowToTell);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        TestInvocation call = firstIgnoresInterruptsUntil(release, entered);
        CompletableFuture<Object> result = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        Thread caller = callOnNewThread(hedge, call, result, flagAfter);
        assertThat(entered.await(WAIT, TimeUnit.SECONDS)).isTrue();
        caller.interrupt(); // the caller's owner cancels it
        clock.advance(DELAY);
        assertThat(winning.await(WAIT, TimeUnit.SECONDS)).isTrue();

        release.set(true); // the first attempt returns after the hedge decided, and the caller waits, interrupted
        while (caller.getState() != Thread.State.WAITING && !result.isDone()) {
            Thread.onSpinWait();
        }
        delivered.countDown();

        assertThat(result.get(WAIT, TimeUnit.SECONDS)).isEqualTo("hedge");
        assertThat(flagAfter.get(WAIT, TimeUnit.SECONDS)).as("the owner's interrupt is kept").isTrue();
    }

    @Test
    void aHedgeThatFailsToStartEndsAsAFailedAttempt() {
        Invoker<TestInvocation> refusing = new Invoker<>() {
            @Override
            public Object proceed(TestInvocation invocation) throws Throwable {
                return TestInvoker.INSTANCE.proceed(invocation);
            }

            @Override
            public TestInvocation detach(TestInvocation invocation, Object[] arguments) {
                throw new IllegalStateException("cannot detach");
            }

            @Override
            public Object[] arguments(TestInvocation invocation) {
                return TestInvoker.INSTANCE.arguments(invocation);
            }

            @Override
            public UnaryOperator<Runnable> captureContext() {
                return UnaryOperator.identity();
            }
        };
        HedgeStrategy<TestInvocation> hedge = new HedgeStrategy<>(new HedgePolicy("Prices#quote", DELAY, 1), null, true,
                new Sentinel<>(refusing, "Prices#quote"), new Facilities<>(refusing, clock, inFlight, workers), listener);
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        CompletableFuture<Object> result = hedge.callAsync(pending(attempts));
        clock.advance(DELAY);

        attempts.get(0).completeExceptionally(new IOException("first failed"));

        assertThatThrownBy(result::join).hasCauseInstanceOf(IOException.class)
                .satisfies(thrown -> assertThat(thrown.getCause().getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("cannot detach"));
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void shuttingDownEndsAHedgedCall() {
        List<CompletableFuture<Object>> attempts = new CopyOnWriteArrayList<>();
        TestInvocation call = pending(attempts);
        CompletableFuture<Object> result = hedge(1).callAsync(call);
        clock.advance(DELAY);

        inFlight.cancelAll();

        // the failure as held: join() wraps a cancellation in a new one since Java 23
        assertThat(result.handle((value, failure) -> failure).join()).isInstanceOf(CancellationException.class)
                .hasMessageContaining("shutting down");
        assertThat(attempts).allSatisfy(attempt -> assertThat((Future<Object>) attempt).isCancelled());
    }
}
