package dev.sturdy.runtime.ratelimit;

import dev.sturdy.exception.RateLimitExceededException;
import dev.sturdy.runtime.testing.Mode;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitStrategyTest {

    private final ManualClock clock = new ManualClock();

    private RateLimitStrategy<TestInvocation> limit(int permits, Duration period, Duration maxWait) {
        return new RateLimitStrategy<>(new RateLimiter(new RateLimitPolicy("Service#call", permits, period, maxWait), clock),
                TestInvoker.sentinel(), TestInvoker.facilities(clock), RateLimitListener.NONE);
    }

    private static Object callNow(Mode mode, RateLimitStrategy<TestInvocation> limit) throws Throwable {
        if (mode == Mode.SYNC) {
            return limit.call(new TestInvocation(attempt -> "ok"));
        }
        try {
            return limit.callAsync(new TestInvocation(mode.body(attempt -> "ok"))).join();
        } catch (CompletionException failed) {
            throw failed.getCause();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bucketStartsFullAndRejectsTheCallAfterIt(Mode mode) throws Throwable {
        RateLimitStrategy<TestInvocation> limit = limit(5, Duration.ofSeconds(1), Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            assertThat(callNow(mode, limit)).isEqualTo("ok");
        }
        assertThatThrownBy(() -> callNow(mode, limit))
                .isInstanceOf(RateLimitExceededException.class)
                .hasMessage("rate limit Service#call (5 per 1s) had no token within 0ms");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void drainedBucketHasItsNextTokenPeriodOverPermitsAfterTheFirstWasTaken(Mode mode) throws Throwable {
        RateLimitStrategy<TestInvocation> limit = limit(4, Duration.ofSeconds(1), Duration.ZERO);
        for (int i = 0; i < 4; i++) {
            callNow(mode, limit);
        }

        clock.advance(Duration.ofMillis(250).minusNanos(1));
        assertThatThrownBy(() -> callNow(mode, limit)).isInstanceOf(RateLimitExceededException.class);
        clock.advance(Duration.ofNanos(1));
        assertThat(callNow(mode, limit)).isEqualTo("ok");
        assertThatThrownBy(() -> callNow(mode, limit)).isInstanceOf(RateLimitExceededException.class);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void refillsContinuouslyButNeverBeyondCapacity(Mode mode) throws Throwable {
        RateLimitStrategy<TestInvocation> limit = limit(10, Duration.ofSeconds(1), Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            callNow(mode, limit);
        }

        clock.advance(Duration.ofMillis(300));
        for (int i = 0; i < 3; i++) {
            assertThat(callNow(mode, limit)).isEqualTo("ok");
        }
        assertThatThrownBy(() -> callNow(mode, limit)).isInstanceOf(RateLimitExceededException.class);

        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            assertThat(callNow(mode, limit)).isEqualTo("ok");
        }
        assertThatThrownBy(() -> callNow(mode, limit)).as("capacity is 10 however long it was idle")
                .isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void syncCallerWaitsForTheNextTokenUpToMaxWait() throws Throwable {
        RateLimitStrategy<TestInvocation> limit = limit(2, Duration.ofSeconds(1), Duration.ofMillis(400));
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        TestInvocation call = new TestInvocation(attempt -> startedAt.add(clock.nanoTime()));
        limit.call(call);
        limit.call(call);

        assertThatThrownBy(() -> limit.call(call)).as("the next token is 500ms away")
                .isInstanceOf(RateLimitExceededException.class);
        clock.advance(Duration.ofMillis(100));
        limit.call(call);

        assertThat(startedAt).containsExactly(0L, 0L, Duration.ofMillis(500).toNanos());
    }

    @Test
    void asyncCallWaitsOnTheClockNotOnAThread() {
        RateLimitStrategy<TestInvocation> limit = limit(1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        limit.callAsync(new TestInvocation(attempt -> CompletableFuture.completedFuture("first")));

        TestInvocation second = new TestInvocation(attempt -> CompletableFuture.completedFuture("second"));
        CompletableFuture<Object> result = limit.callAsync(second);

        assertThat(result).isNotDone();
        assertThat(second.attempts()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(result).isCompletedWithValue("second");
    }

    @Test
    void asyncCallCancelledWhileWaitingNeverRuns() {
        RateLimitStrategy<TestInvocation> limit = limit(1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        limit.callAsync(new TestInvocation(attempt -> CompletableFuture.completedFuture("first")));
        TestInvocation second = new TestInvocation(attempt -> CompletableFuture.completedFuture("second"));

        limit.callAsync(second).cancel(true);

        assertThat(clock.pendingTimers()).isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(second.attempts()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void periodsAndWaitsBeyondWhatNanosecondsHoldAreAbout73Years(Mode mode) throws Throwable {
        RateLimitStrategy<TestInvocation> limit = limit(2, Duration.ofDays(100_000_000), Duration.ZERO);

        assertThat(callNow(mode, limit)).isEqualTo("ok");
        assertThat(callNow(mode, limit)).isEqualTo("ok");
        assertThatThrownBy(() -> callNow(mode, limit))
                .isInstanceOf(RateLimitExceededException.class)
                .hasMessage("rate limit Service#call (2 per PT2400000000H) had no token within 0ms");
    }
}
