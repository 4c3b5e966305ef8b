package dev.sturdy.runtime.fallback;

import dev.sturdy.runtime.core.ExceptionMatcher;
import dev.sturdy.runtime.testing.Mode;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CancellationException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FallbackStrategyTest {

    private final ManualClock clock = new ManualClock();

    private static FallbackStrategy<TestInvocation> fallback(List<Class<? extends Throwable>> applyOn,
                                                             List<Class<? extends Throwable>> skipOn,
                                                             Mode mode, FallbackCall<TestInvocation> call) {
        FallbackCall<TestInvocation> inMode = mode.async()
                ? (invocation, failure) -> CompletableFuture.completedFuture(call.invoke(invocation, failure))
                : call;
        return new FallbackStrategy<>(new FallbackPolicy("Service#call", new ExceptionMatcher(applyOn, skipOn)),
                TestInvoker.sentinel(), inMode, FallbackListener.NONE);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void answersAFailureWithTheFallbackReceivingTheOriginalFailure(Mode mode) throws Throwable {
        IOException original = new IOException("down");
        AtomicReference<Throwable> received = new AtomicReference<>();
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), mode, (invocation, failure) -> {
            received.set(failure);
            return "fallback for " + invocation.attempts();
        });

        Object result = mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw original;
        })), clock);

        assertThat(result).isEqualTo("fallback for 1");
        assertThat(received.get()).as("never a CompletionException wrapper").isSameAs(original);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void leavesSuccessesAlone(Mode mode) throws Throwable {
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), mode, (invocation,
                failure) -> "fallback");

        assertThat(mode.call(strategy, new TestInvocation(mode.body(attempt -> "real")), clock)).isEqualTo("real");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void skipOnWinsOverApplyOnForSubclasses(Mode mode) throws Throwable {
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(IOException.class), List.of(FileNotFoundException.class),
                mode,
                (invocation, failure) -> "fallback");

        assertThatThrownBy(() -> mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw new FileNotFoundException("skipped");
        })), clock)).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw new IllegalStateException("not applied");
        })), clock)).isInstanceOf(IllegalStateException.class);
        assertThat(mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw new IOException("applied");
        })), clock)).isEqualTo("fallback");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theFallbacksOwnFailurePropagates(Mode mode) {
        IllegalStateException fallbackFailure = new IllegalStateException("fallback broke too");
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), mode, (invocation, failure) -> {
            throw fallbackFailure;
        });

        assertThatThrownBy(() -> mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw new IOException("down");
        })), clock)).isSameAs(fallbackFailure);
    }

    @Test
    void cancellingTheAsyncResultCancelsTheCallAndNeverCallsTheFallback() {
        CompletableFuture<Object> work = new CompletableFuture<>();
        AtomicReference<Throwable> fallbackCalledWith = new AtomicReference<>();
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), Mode.SYNC, (invocation,
                failure) -> {
            fallbackCalledWith.set(failure);
            return CompletableFuture.completedFuture("fallback");
        });

        strategy.callAsync(new TestInvocation(attempt -> work)).cancel(true);

        assertThat(work).isCancelled();
        assertThat(fallbackCalledWith.get()).isNull();
    }

    @Test
    void cancellingTheAsyncResultCancelsAFallbackInFlight() {
        CompletableFuture<Object> fallbackWork = new CompletableFuture<>();
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), Mode.SYNC,
                (invocation, failure) -> fallbackWork);

        CompletableFuture<Object> result = strategy.callAsync(new TestInvocation(attempt ->
                CompletableFuture.failedFuture(new IOException())));
        result.cancel(true);

        assertThat(fallbackWork).isCancelled();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingFallbackCarriesTheFailureItWasCalledFor(Mode mode) {
        IOException original = new IOException("down");
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), mode, (invocation, failure) -> {
            throw new IllegalStateException("no cached answer either");
        });

        assertThatThrownBy(() -> mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw original;
        })), clock))
                .hasMessage("no cached answer either")
                .satisfies(failure -> assertThat(failure.getSuppressed()).containsExactly(original));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFallbackRethrowingTheFailureDoesNotCarryItTwice(Mode mode) {
        IOException original = new IOException("down");
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), mode, (invocation, failure) -> {
            throw failure;
        });

        assertThatThrownBy(() -> mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw original;
        })), clock))
                .isSameAs(original)
                .satisfies(failure -> assertThat(failure.getSuppressed()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCancellationIsNotAnsweredWithTheFallback(Mode mode) {
        FallbackStrategy<TestInvocation> strategy = fallback(List.of(Throwable.class), List.of(), mode, (invocation, failure) -> {
            throw new AssertionError("the fallback answered a cancellation");
        });

        assertThatThrownBy(() -> mode.call(strategy, new TestInvocation(mode.body(attempt -> {
            throw new CancellationException("Service#call: cancelled, the application is shutting down");
        })), clock)).isInstanceOf(CancellationException.class);
    }
}
