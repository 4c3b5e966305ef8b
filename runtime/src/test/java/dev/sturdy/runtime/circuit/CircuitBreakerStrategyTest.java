package dev.sturdy.runtime.circuit;

import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.testing.Mode;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerStrategyTest {

    private final ManualClock clock = new ManualClock();
    private final List<String> transitions = new CopyOnWriteArrayList<>();

    private CircuitBreaker breaker(int window, double ratio, int successThreshold) {
        return breaker(window, ratio, successThreshold, List.of(Throwable.class), List.of());
    }

    private CircuitBreaker breaker(int window, double ratio, int successThreshold, List<Class<? extends Throwable>> failOn,
                                   List<Class<? extends Throwable>> skipOn) {
        CircuitBreakerPolicy policy = new CircuitBreakerPolicy("Service#call", window, ratio, Duration.ofSeconds(5),
                successThreshold,
                new ExceptionMatcher(failOn, skipOn));
        return new CircuitBreaker(policy, clock, (name, from, to) -> transitions.add(from + "->" + to));
    }

    /** Runs one call with the outcome 'S' (success) or 'F' (failure), or {@code failure} when given. */
    private Object run(Mode mode, CircuitBreaker breaker, char outcome) throws Throwable {
        return mode.call(new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel()), new TestInvocation(mode.body(attempt -> {
            if (outcome == 'F') {
                throw new IOException("failure");
            }
            return "ok";
        })), clock);
    }

    private void runAll(Mode mode, CircuitBreaker breaker, String outcomes) throws Throwable {
        for (char outcome : outcomes.toCharArray()) {
            try {
                run(mode, breaker, outcome);
            } catch (IOException expected) {
                // a failure of the method itself
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void window4Ratio075OpensAfterFourFailuresNotBefore(Mode mode) throws Throwable {
        CircuitBreaker breaker = breaker(4, 0.75, 1);

        runAll(mode, breaker, "FFF");
        assertThat(breaker.state()).as("no decision before the window is full").isEqualTo(CircuitState.CLOSED);
        runAll(mode, breaker, "F");

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(transitions).containsExactly("CLOSED->OPEN");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void window4Ratio05OpensAfterSuccessFailureFailureSuccess(Mode mode) throws Throwable {
        CircuitBreaker breaker = breaker(4, 0.5, 1);

        runAll(mode, breaker, "SFF");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        runAll(mode, breaker, "S");

        assertThat(breaker.state()).as("2 of 4 failed, which is 0.5").isEqualTo(CircuitState.OPEN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rollingWindowForgetsFailuresThatFellOut(Mode mode) throws Throwable {
        CircuitBreaker breaker = breaker(4, 0.75, 1);

        runAll(mode, breaker, "FFSSSS" + "FF");

        assertThat(breaker.state()).as("only FF of the last four SSFF failed").isEqualTo(CircuitState.CLOSED);
        runAll(mode, breaker, "F");
        assertThat(breaker.state()).as("SFFF").isEqualTo(CircuitState.OPEN);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void openBreakerRejectsWithoutCallingTheMethod(Mode mode) throws Throwable {
        CircuitBreaker breaker = breaker(2, 0.5, 1);
        runAll(mode, breaker, "FF");
        TestInvocation invocation = new TestInvocation(mode.body(attempt -> "ok"));

        assertThatThrownBy(() -> mode.call(new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel()), invocation, clock))
                .isInstanceOf(CircuitOpenException.class)
                .hasMessage("circuit breaker Service#call is OPEN: the call was not attempted");
        assertThat(invocation.attempts()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void afterTheDelayTwoTrialSuccessesCloseItWithAnEmptyWindow(Mode mode) throws Throwable {
        CircuitBreaker breaker = breaker(4, 0.5, 2);
        runAll(mode, breaker, "FFFF");
        clock.advance(Duration.ofMillis(4999));
        assertThatThrownBy(() -> run(mode, breaker, 'S')).isInstanceOf(CircuitOpenException.class);
        clock.advance(Duration.ofMillis(1));

        runAll(mode, breaker, "S");
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        runAll(mode, breaker, "S");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);

        runAll(mode, breaker, "FFF");
        assertThat(breaker.state()).as("the window started empty: three calls are not a full window")
                .isEqualTo(CircuitState.CLOSED);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void oneTrialFailureReopensForAnotherDelay(Mode mode) throws Throwable {
        CircuitBreaker breaker = breaker(2, 0.5, 2);
        runAll(mode, breaker, "FF");
        clock.advance(Duration.ofSeconds(5));

        runAll(mode, breaker, "SF");

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        clock.advance(Duration.ofMillis(4999));
        assertThatThrownBy(() -> run(mode, breaker, 'S')).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void admitsExactlySuccessThresholdConcurrentTrials() {
        CircuitBreaker breaker = breaker(1, 1.0, 2);
        CircuitBreakerStrategy<TestInvocation> strategy = new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel());
        strategy.callAsync(new TestInvocation(attempt -> CompletableFuture.failedFuture(new IOException())));
        clock.advance(Duration.ofSeconds(5));
        CompletableFuture<Object> first = new CompletableFuture<>();
        CompletableFuture<Object> second = new CompletableFuture<>();

        CompletableFuture<Object> trial1 = strategy.callAsync(new TestInvocation(attempt -> first));
        CompletableFuture<Object> trial2 = strategy.callAsync(new TestInvocation(attempt -> second));
        CompletableFuture<Object> third = strategy.callAsync(new TestInvocation(attempt ->
                CompletableFuture.completedFuture("x")));

        assertThat(trial1).isNotDone();
        assertThat(trial2).isNotDone();
        assertThatThrownBy(third::join).cause().isInstanceOf(CircuitOpenException.class)
                .hasMessage("circuit breaker Service#call is HALF_OPEN and all 2 trial calls are in flight: the call was not"
                        + " attempted");
        first.complete("a");
        second.complete("b");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void cancelledTrialFreesItsSlot() {
        CircuitBreaker breaker = breaker(1, 1.0, 1);
        CircuitBreakerStrategy<TestInvocation> strategy = new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel());
        strategy.callAsync(new TestInvocation(attempt -> CompletableFuture.failedFuture(new IOException())));
        clock.advance(Duration.ofSeconds(5));

        strategy.callAsync(new TestInvocation(attempt -> new CompletableFuture<>())).cancel(true);
        CompletableFuture<Object> next = strategy.callAsync(new TestInvocation(attempt ->
                CompletableFuture.completedFuture("x")));

        assertThat(next).isCompletedWithValue("x");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void skipOnAndFailuresOutsideFailOnCountAsSuccesses(Mode mode) throws Throwable {
        CircuitBreaker breaker = breaker(2, 0.5, 1, List.of(IOException.class), List.of(FileNotFoundException.class));
        CircuitBreakerStrategy<TestInvocation> strategy = new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel());

        for (Exception failure : List.of(new FileNotFoundException(), new IllegalStateException(), new FileNotFoundException())) {
            assertThatThrownBy(() -> mode.call(strategy, new TestInvocation(mode.body(attempt -> {
                throw failure;
            })), clock)).isSameAs(failure);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);

        runAll(mode, breaker, "F");
        assertThat(breaker.state()).as("one IOException in the last two calls").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void callThatEndsAfterTheBreakerMovedOnDoesNotCountInTheNewPeriod() {
        CircuitBreaker breaker = breaker(2, 0.5, 1);
        CircuitBreakerStrategy<TestInvocation> strategy = new CircuitBreakerStrategy<>(breaker, TestInvoker.sentinel());
        CompletableFuture<Object> slow = new CompletableFuture<>();
        strategy.callAsync(new TestInvocation(attempt -> slow));
        strategy.callAsync(new TestInvocation(attempt -> CompletableFuture.failedFuture(new IOException())));
        strategy.callAsync(new TestInvocation(attempt -> CompletableFuture.failedFuture(new IOException())));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        clock.advance(Duration.ofSeconds(5));
        CompletableFuture<Object> trial = new CompletableFuture<>();
        strategy.callAsync(new TestInvocation(attempt -> trial));

        slow.completeExceptionally(new IOException("late failure from the CLOSED period"));

        assertThat(breaker.state()).as("the late failure belongs to the old window").isEqualTo(CircuitState.HALF_OPEN);
        trial.complete("ok");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDelayBeyondWhatNanosecondsHoldKeepsTheBreakerOpenAndTheMethodsOwnFailures(Mode mode) throws Throwable {
        CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerPolicy("Service#call", 2, 0.5,
                Duration.ofDays(100_000_000), 1, new ExceptionMatcher(List.of(Throwable.class), List.of())), clock,
                (name, from, to) -> transitions.add(from + "->" + to));

        assertThatThrownBy(() -> run(mode, breaker, 'F')).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> run(mode, breaker, 'F')).isInstanceOf(IOException.class);
        clock.advance(Duration.ofDays(365 * 70));

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> run(mode, breaker, 'S')).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void anOperatorsChangesAreToldApartFromTheCallsOnes() throws Throwable {
        List<String> told = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerPolicy("Service#call", 1, 1.0, Duration.ofSeconds(5), 1,
                new ExceptionMatcher(List.of(Throwable.class), List.of())), clock, new CircuitBreakerListener() {
                    @Override
                    public void onStateChange(String name, CircuitState from, CircuitState to) {
                        told.add(from + "->" + to);
                    }

                    @Override
                    public void onStateForced(String name, CircuitState from, CircuitState to) {
                        told.add(from + "->" + to + " forced");
                    }
                });

        breaker.forceOpen();
        breaker.reset();
        runAll(Mode.SYNC, breaker, "F");

        assertThat(told).containsExactly("CLOSED->OPEN forced", "OPEN->CLOSED forced", "CLOSED->OPEN");
    }
}
