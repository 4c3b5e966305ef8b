package dev.sturdy.runtime.it;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.runtime.time.ManualClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @CircuitBreaker(slowCall = ...)}: a success that takes longer counts as a failure. Each
 * call's duration is the manual clock advanced while it runs.
 */
class SlowCallIntegrationTest {

    private ApplicationContext context;
    private ManualClock clock;
    private Dependency dependency;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.slow-call", "true"));
        clock = context.getBean(ManualClock.class);
        dependency = context.getBean(Dependency.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void slowSuccessesOpenTheBreakerThoughTheirCallersGetTheirValues() {
        assertThat(dependency.answer(Duration.ofMillis(150))).isEqualTo("late");
        assertThat(dependency.answer(Duration.ofMillis(150))).isEqualTo("late");

        assertThatThrownBy(() -> dependency.answer(Duration.ZERO)).isInstanceOf(CircuitOpenException.class);
        assertThat(dependency.calls).isEqualTo(2);
    }

    @Test
    void successesWithinTheThresholdKeepItClosed() {
        for (int call = 0; call < 10; call++) {
            assertThat(dependency.answer(Duration.ofMillis(100))).isEqualTo("late");
        }

        assertThat(dependency.calls).isEqualTo(10);
    }

    @Test
    void anAsyncCallIsTimedUntilItsFutureCompletes() {
        for (int call = 0; call < 2; call++) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            CompletableFuture<String> result = dependency.later(gate);
            clock.advance(Duration.ofMillis(150));
            gate.complete("late");
            assertThat(result).isCompletedWithValue("late");
        }

        assertThat(dependency.later(CompletableFuture.completedFuture("now"))).isCompletedExceptionally()
                .failsWithin(Duration.ZERO).withThrowableOfType(Exception.class).withCauseInstanceOf(CircuitOpenException.class);
    }

    @Test
    void aSlowCallThresholdThatIsNotADurationFailsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.slow-call", "true",
                "sturdy.circuit-breakers.slow.slow-call", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:circuit-breaker-slow-call] sturdy.circuit-breakers.slow.slow-call");
    }

    /** Answers after the time it is told to take. */
    @Singleton
    @Requires(property = "sturdy-test.slow-call", value = "true")
    public static class Dependency {

        private final ManualClock clock;
        volatile int calls;

        Dependency(ManualClock clock) {
            this.clock = clock;
        }

        @CircuitBreaker(name = "slow", window = 2, failureRatio = 1.0, delay = "10s", slowCall = "100ms")
        public String answer(Duration taking) {
            calls++;
            clock.advance(taking);
            return "late";
        }

        @CircuitBreaker(window = 2, failureRatio = 1.0, delay = "10s", slowCall = "100ms")
        public CompletableFuture<String> later(CompletableFuture<String> gate) {
            return gate;
        }
    }
}
