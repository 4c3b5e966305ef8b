package dev.sturdy.runtime.retry;

import java.util.concurrent.CancellationException;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.testing.Mode;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.testing.ManualClockVariant;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryStrategyTest {

    private final ManualClock clock = new ManualClock();
    private final InFlight inFlight = new InFlight();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private RetryStrategy<TestInvocation> retry(int maxAttempts, String delay, double multiplier, String maxDelay,
                                                double jitter, Duration maxDuration, List<Class<? extends Throwable>> retryOn,
                                                List<Class<? extends Throwable>> abortOn) {
        RetryPolicy policy = new RetryPolicy("Service#call", maxAttempts, Duration.parse("PT" + delay), multiplier,
                Duration.parse("PT" + maxDelay), jitter, maxDuration, new ExceptionMatcher(retryOn, abortOn));
        return new RetryStrategy<>(policy, TestInvoker.sentinel(), TestInvoker.facilities(clock, inFlight, Runnable::run),
                RetryListener.NONE);
    }

    private RetryStrategy<TestInvocation> retry(int maxAttempts) {
        return retry(maxAttempts, "0.1S", 2.0, "10S", 0, null, List.of(Exception.class), List.of());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void succeedsOnThirdAttemptAfterTwoFailures(Mode mode) throws Throwable {
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            if (attempt < 3) {
                throw new IOException("attempt " + attempt);
            }
            return "ok";
        }));

        assertThat(mode.call(retry(3), invocation, clock)).isEqualTo("ok");
        assertThat(invocation.attempts()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void throwsLastFailureWithEarlierOnesSuppressedWhenAttemptsRunOut(Mode mode) {
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            throw new IOException("attempt " + attempt);
        }));

        assertThatThrownBy(() -> mode.call(retry(4), invocation, clock))
                .isInstanceOf(IOException.class)
                .hasMessage("attempt 4")
                .satisfies(last -> assertThat(last.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("attempt 1", "attempt 2", "attempt 3"));
        assertThat(invocation.attempts()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void attachesARepeatedFailureInstanceOnlyOnce(Mode mode) {
        IOException same = new IOException("always the same");
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            throw same;
        }));

        assertThatThrownBy(() -> mode.call(retry(3), invocation, clock)).isSameAs(same);
        assertThat(same.getSuppressed()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void waitsExponentiallyGrowingDelaysCappedAtMaxDelay(Mode mode) throws Throwable {
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            startedAt.add(clock.nanoTime());
            throw new IOException("attempt " + attempt);
        }));

        assertThatThrownBy(() -> mode.call(retry(6, "0.1S", 2.0, "0.5S", 0, null, List.of(Exception.class), List.of()),
                invocation, clock))
                .isInstanceOf(IOException.class);

        assertThat(gapsInMillis(startedAt)).containsExactly(100L, 200L, 400L, 500L, 500L);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keepsTheDelayFixedWithMultiplierOne(Mode mode) {
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            startedAt.add(clock.nanoTime());
            throw new IOException();
        }));

        assertThatThrownBy(() -> mode.call(retry(4, "0.25S", 1.0, "10S", 0, null, List.of(Exception.class), List.of()),
                invocation, clock))
                .isInstanceOf(IOException.class);

        assertThat(gapsInMillis(startedAt)).containsExactly(250L, 250L, 250L);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void spreadsEveryDelayWithinTheJitterBounds(Mode mode) {
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            startedAt.add(clock.nanoTime());
            throw new IOException();
        }));

        assertThatThrownBy(() -> mode.call(retry(201, "1S", 1.0, "1S", 0.5, null, List.of(Exception.class), List.of()),
                invocation, clock))
                .isInstanceOf(IOException.class);

        List<Long> gaps = gapsInMillis(startedAt);
        assertThat(gaps).hasSize(200).allSatisfy(gap -> assertThat(gap).isBetween(500L, 1500L));
        assertThat(gaps.stream().distinct().count()).as("delays are actually spread").isGreaterThan(50);
    }

    @Test
    void jitterBoundsAreExactlyTheDelayTimesOneMinusAndPlusJitter() {
        RetryPolicy policy = new RetryPolicy("Service#call", 5, Duration.ofMillis(200), 3.0, Duration.ofSeconds(1), 0.25, null,
                new ExceptionMatcher(List.of(Exception.class), List.of()));

        assertThat(policy.delayNanos(1, 0.0)).isEqualTo(Duration.ofMillis(150).toNanos());
        assertThat(policy.delayNanos(1, 0.5)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(policy.delayNanos(1, Math.nextDown(1.0))).isBetween(Duration.ofMillis(249).toNanos(), Duration.ofMillis(250)
                .toNanos());
        assertThat(policy.delayNanos(2, 0.5)).isEqualTo(Duration.ofMillis(600).toNanos());
        assertThat(policy.delayNanos(3, 0.5)).as("capped at maxDelay before jitter").isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(policy.delayNanos(40, 0.0)).as("no overflow after many retries").isEqualTo(Duration.ofMillis(750).toNanos());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void startsNoAttemptAfterMaxDuration(Mode mode) {
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            startedAt.add(clock.nanoTime());
            throw new IOException("attempt " + attempt);
        }));

        assertThatThrownBy(() -> mode.call(retry(10, "0.1S", 1.0, "10S", 0, Duration.ofMillis(250), List.of(Exception.class),
                List.of()),
                invocation, clock))
                .hasMessage("attempt 3");

        assertThat(gapsInMillis(startedAt)).containsExactly(100L, 100L);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void abortOnWinsOverRetryOnForSubclasses(Mode mode) {
        RetryStrategy<TestInvocation> retry = retry(5, "0.1S", 2.0, "10S", 0, null, List.of(IOException.class),
                List.of(FileNotFoundException.class));
        TestInvocation aborted = new TestInvocation(mode.body(attempt -> {
            throw new FileNotFoundException("gone");
        }));
        TestInvocation retried = new TestInvocation(mode.body(attempt -> {
            throw new EOFException("short read");
        }));
        TestInvocation notListed = new TestInvocation(mode.body(attempt -> {
            throw new IllegalStateException("not an IOException");
        }));

        assertThatThrownBy(() -> mode.call(retry, aborted, clock)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> mode.call(retry, retried, clock)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> mode.call(retry, notListed, clock)).isInstanceOf(IllegalStateException.class);

        assertThat(aborted.attempts()).isEqualTo(1);
        assertThat(retried.attempts()).isEqualTo(5);
        assertThat(notListed.attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void doesNotRetryErrorsByDefault(Mode mode) {
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            throw new AssertionError("a bug, not a transient failure");
        }));

        assertThatThrownBy(() -> mode.call(retry(3), invocation, clock)).isInstanceOf(AssertionError.class);
        assertThat(invocation.attempts()).isEqualTo(1);
    }

    @Test
    void interruptedSyncCallerStopsRetryingAndKeepsTheFlag() {
        TestInvocation invocation = new TestInvocation(attempt -> {
            Thread.currentThread().interrupt();
            throw new IOException("failed while being interrupted");
        });

        assertThatThrownBy(() -> retry(5).call(invocation)).isInstanceOf(IOException.class);
        assertThat(invocation.attempts()).isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void interruptedExceptionStopsRetryingAndRestoresTheFlag() {
        TestInvocation invocation = new TestInvocation(attempt -> {
            throw new InterruptedException("interrupted while blocked");
        });

        assertThatThrownBy(() -> retry(5).call(invocation)).isInstanceOf(InterruptedException.class);
        assertThat(invocation.attempts()).isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void interruptWhileWaitingForTheNextAttemptStopsRetrying() {
        List<Throwable> thrown = new ArrayList<>();
        TestInvocation invocation = new TestInvocation(attempt -> {
            IOException failure = new IOException("attempt " + attempt);
            thrown.add(failure);
            throw failure;
        });
        RetryStrategy<TestInvocation> retry = new RetryStrategy<>(
                new RetryPolicy("Service#call", 5, Duration.ofMillis(100), 1.0, Duration.ofSeconds(1), 0, null,
                        new ExceptionMatcher(List.of(Exception.class), List.of())),
                TestInvoker.sentinel(), TestInvoker.facilities(new InterruptingOnSecondSleep(clock), inFlight, Runnable::run),
                RetryListener.NONE);

        assertThatThrownBy(() -> retry.call(invocation))
                .hasMessage("attempt 2")
                .satisfies(last -> assertThat(last.getSuppressed()).containsExactly(thrown.get(0)));
        assertThat(invocation.attempts()).isEqualTo(2);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void cancellingTheResultCancelsThePendingRetry() {
        TestInvocation invocation = new TestInvocation(Mode.ASYNC.body(attempt -> {
            throw new IOException("attempt " + attempt);
        }));

        CompletableFuture<Object> result = retry(3).callAsync(invocation);
        assertThat(clock.pendingTimers()).as("the retry is scheduled").isEqualTo(1);

        result.cancel(true);

        assertThat(clock.pendingTimers()).as("the retry is called off").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(invocation.attempts()).isEqualTo(1);
    }

    @Test
    void cancellingTheResultCancelsTheAttemptInFlight() {
        CompletableFuture<Object> attemptInFlight = new CompletableFuture<>();
        TestInvocation invocation = new TestInvocation(attempt -> attempt == 1
                ? CompletableFuture.failedFuture(new IOException("first"))
                : attemptInFlight);

        CompletableFuture<Object> result = retry(3).callAsync(invocation);
        clock.runNextTimer();
        assertThat(invocation.attempts()).isEqualTo(2);

        result.cancel(true);

        assertThat(attemptInFlight).isCancelled();
        assertThat(clock.pendingTimers()).isZero();
        assertThat(invocation.attempts()).isEqualTo(2);
    }

    @Test
    void shuttingDownCancelsAPendingAsyncRetry() {
        TestInvocation invocation = new TestInvocation(Mode.ASYNC.body(attempt -> {
            throw new IOException("attempt " + attempt);
        }));
        CompletableFuture<Object> result = retry(3).callAsync(invocation);
        assertThat(inFlight.size()).isEqualTo(1);

        inFlight.cancelAll();

        assertThat(result).isCancelled();
        assertThat(clock.pendingTimers()).isZero();
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void finishedAsyncCallsLeaveNothingRegistered() throws Throwable {
        Mode.ASYNC.call(retry(3), new TestInvocation(Mode.ASYNC.body(attempt -> attempt < 2 ? fail() : "ok")), clock);

        assertThat(inFlight.size()).isZero();
    }

    private static Object fail() throws IOException {
        throw new IOException("first");
    }

    @Test
    void asyncRetryDoesNotBlockTheCaller() {
        TestInvocation invocation = new TestInvocation(Mode.ASYNC.body(attempt -> {
            if (attempt == 1) {
                throw new IOException("first");
            }
            return "second";
        }));

        CompletableFuture<Object> result = retry(3).callAsync(invocation);

        assertThat(result).isNotDone();
        assertThat(clock.nanoTime()).as("no time passed on the caller's thread").isZero();
        clock.advance(Duration.ofMillis(100));
        assertThat(result).isCompletedWithValue("second");
    }

    private static List<Long> gapsInMillis(List<Long> startedAt) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < startedAt.size(); i++) {
            gaps.add(Duration.ofNanos(startedAt.get(i) - startedAt.get(i - 1)).toMillis());
        }
        return gaps;
    }

    /** A clock whose second sleep is interrupted, as if another thread interrupted the caller then. */
    private static final class InterruptingOnSecondSleep extends ManualClockVariant {
        private int sleeps;

        InterruptingOnSecondSleep(ManualClock clock) {
            super(clock);
        }

        @Override
        public boolean sleep(long nanos) throws InterruptedException {
            if (++sleeps == 2) {
                throw new InterruptedException("interrupted while waiting");
            }
            return clock.sleep(nanos);
        }
    }

    // --- issue 10: cost follows what happens, not what is configured; durations saturate

    private RetryStrategy<TestInvocation> retry(int maxAttempts, Duration delay, Duration maxDuration) {
        RetryPolicy policy = new RetryPolicy("Service#call", maxAttempts, delay, 2.0, delay, 0.5, maxDuration,
                new ExceptionMatcher(List.of(Exception.class), List.of()));
        return new RetryStrategy<>(policy, TestInvoker.sentinel(), TestInvoker.facilities(clock, inFlight, Runnable::run),
                RetryListener.NONE);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theLargestMaxAttemptsCostsOnlyTheAttemptsMade(Mode mode) throws Throwable {
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            if (attempt < 4) {
                throw new IOException("attempt " + attempt);
            }
            return "ok";
        }));

        assertThat(mode.call(retry(Integer.MAX_VALUE, Duration.ZERO, null), invocation, clock)).isEqualTo("ok");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keepsTheFirstFourEarlierFailuresAndCountsTheRest(Mode mode) {
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            throw new IOException("attempt " + attempt);
        }));

        assertThatThrownBy(() -> mode.call(retry(1000, Duration.ZERO, null), invocation, clock))
                .hasMessage("attempt 1000")
                .satisfies(last -> assertThat(last.getSuppressed()).extracting(Throwable::getMessage).containsExactly(
                        "attempt 1", "attempt 2", "attempt 3", "attempt 4",
                        "Service#call: 995 more failures of earlier attempts are not attached; the first 4 are"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void delaysAndBudgetsBeyondWhatNanosecondsHoldWaitAbout73Years(Mode mode) throws Throwable {
        Duration longest = Duration.ofDays(100_000_000);
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            if (attempt == 1) {
                throw new IOException("once");
            }
            return "ok";
        }));
        long before = clock.nanoTime();

        assertThat(mode.call(retry(2, longest, longest), invocation, clock)).isEqualTo("ok");
        assertThat(clock.nanoTime() - before).isBetween(Long.MAX_VALUE / 8, Long.MAX_VALUE / 4);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCancellationIsNeverRetried(Mode mode) {
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> {
            throw new CancellationException("the method gave up");
        }));

        assertThatThrownBy(() -> mode.call(retry(5), invocation, clock)).isInstanceOf(CancellationException.class);
        assertThat(invocation.attempts()).isEqualTo(1);
    }
}
