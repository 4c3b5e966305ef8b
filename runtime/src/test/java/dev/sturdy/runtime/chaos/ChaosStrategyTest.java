package dev.sturdy.runtime.chaos;

import dev.sturdy.runtime.core.InFlight;
import dev.sturdy.runtime.testing.TestInvocation;
import dev.sturdy.runtime.testing.TestInvoker;
import dev.sturdy.runtime.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults and latency injected at the method, on a manual clock; and nothing while the switch is off. */
class ChaosStrategyTest {

    private static final Duration LATENCY = Duration.ofMillis(200);

    private final ManualClock clock = new ManualClock();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final ChaosListener listener = new ChaosListener() {
        @Override
        public void faultInjected(String method, Exception fault) {
            heard.add("fault " + fault.getClass().getSimpleName() + ": " + fault.getMessage());
        }

        @Override
        public void latencyInjected(String method, Duration latency) {
            heard.add("latency " + latency.toMillis() + " ms");
        }
    };
    private final ChaosSwitch chaos = new ChaosSwitch("Prices#quote", null);
    private final ChaosStrategy<TestInvocation> strategy = new ChaosStrategy<>(chaos, TestInvoker.sentinel(),
            TestInvoker.facilities(clock, new InFlight(), Runnable::run), listener);

    @Test
    void offItPassesEveryCallThrough() throws Throwable {
        TestInvocation call = new TestInvocation(attempt -> "ok");

        assertThat(strategy.call(call)).isEqualTo("ok");
        assertThat(strategy.callAsync(new TestInvocation(attempt -> CompletableFuture.completedFuture("async"))))
                .isCompletedWithValue("async");
        assertThat(heard).isEmpty();
    }

    @Test
    void aFaultIsThrownInsteadOfRunningTheMethod() {
        chaos.set(new ChaosPolicy("Prices#quote", 1, IOException.class, Duration.ZERO, 0));
        TestInvocation call = new TestInvocation(attempt -> "ok");

        assertThatThrownBy(() -> strategy.call(call)).isInstanceOf(IOException.class)
                .hasMessage("Sturdy chaos: fault injected into Prices#quote");
        assertThatThrownBy(() -> strategy.callAsync(call).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(call.attempts()).isZero();
        assertThat(heard).containsExactly("fault IOException: Sturdy chaos: fault injected into Prices#quote",
                "fault IOException: Sturdy chaos: fault injected into Prices#quote");
    }

    @Test
    void aSyncCallWaitsTheLatencyOnItsThreadBeforeTheMethodRuns() throws Throwable {
        chaos.set(new ChaosPolicy("Prices#quote", 0, RuntimeException.class, LATENCY, 1));
        long before = clock.nanoTime();

        assertThat(strategy.call(new TestInvocation(attempt -> clock.nanoTime() - before))).isEqualTo(LATENCY.toNanos());
        assertThat(heard).containsExactly("latency 200 ms");
    }

    @Test
    void anAsyncCallStartsAfterTheLatencyAndCancellingItCancelsTheWait() {
        chaos.set(new ChaosPolicy("Prices#quote", 0, RuntimeException.class, LATENCY, 1));
        TestInvocation call = new TestInvocation(attempt -> CompletableFuture.completedFuture("late"));

        CompletableFuture<Object> result = strategy.callAsync(call);
        clock.advance(LATENCY.minusMillis(1));
        assertThat(result).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(result).isCompletedWithValue("late");

        CompletableFuture<Object> cancelled = strategy.callAsync(call);
        cancelled.cancel(true);
        assertThat(clock.pendingTimers()).isZero();
        clock.advance(LATENCY);
        assertThat(call.attempts()).isEqualTo(1);
    }

    @Test
    void ratesPickAShareOfCalls() throws Throwable {
        chaos.set(new ChaosPolicy("Prices#quote", 0.25, IllegalStateException.class, Duration.ZERO, 0));
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            try {
                strategy.call(new TestInvocation(attempt -> "ok"));
            } catch (IllegalStateException injected) {
                failed++;
            }
        }
        // 25% of 10,000: the binomial's standard deviation is about 43, so this is beyond 10 sigma either way
        assertThat(failed).isBetween(2_000, 3_000);
    }

    @Test
    void aPolicyThatInjectsNothingSwitchesOff() {
        chaos.set(new ChaosPolicy("Prices#quote", 0, RuntimeException.class, LATENCY, 0));

        assertThat(chaos.injecting()).isFalse();
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new ChaosPolicy("Prices#quote", 0, AbstractFault.class, Duration.ZERO, 0))
                .hasMessageContaining("is abstract");
        assertThatThrownBy(() -> new ChaosPolicy("Prices#quote", 1.5, RuntimeException.class, Duration.ZERO, 0))
                .hasMessage("fault-rate must be a number >= 0 and <= 1, but was 1.5");
        assertThatThrownBy(() -> new ChaosPolicy("Prices#quote", 0, NoUsableConstructor.class, Duration.ZERO, 0))
                .hasMessageContaining("must have a public (String) or no-argument constructor");
    }

    /** An exception that cannot be created at all. */
    public abstract static class AbstractFault extends Exception {
    }

    /** An exception fault injection could not create. */
    public static final class NoUsableConstructor extends Exception {
        NoUsableConstructor(int code) {
            super("code " + code);
        }
    }
}
