package dev.sturdy.runtime.it;

import dev.sturdy.annotation.Retry;
import dev.sturdy.runtime.event.RetryEvent;
import dev.sturdy.runtime.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A retry budget stops a retry storm: against a dependency that fails every call, callers with
 * {@code maxAttempts = 5} and a 10% budget add about 10% to its load, not 400%. Time stands still
 * (a manual clock, delays of 0), so the whole storm falls in one window.
 */
class RetryBudgetIntegrationTest {

    private static final int CALLERS = 4;
    private static final int CALLS_EACH = 250;

    @Test
    void aDependencyThatFailsEveryCallSeesAboutTenPercentMoreThanTheFirstAttempts() throws Exception {
        try (ApplicationContext context = run(Map.of("sturdy.retry-budgets.storm.ratio", "0.1"))) {
            Dependency dependency = context.getBean(Dependency.class);
            CollectedEvents events = context.getBean(CollectedEvents.class);
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> failed = new ArrayList<>();
            for (int caller = 0; caller < CALLERS; caller++) {
                failed.add(callers.submit(() -> {
                    start.await();
                    int failures = 0;
                    for (int call = 0; call < CALLS_EACH; call++) {
                        try {
                            dependency.sync();
                        } catch (IOException down) {
                            failures++;
                        }
                    }
                    return failures;
                }));
            }
            start.countDown();
            int failures = 0;
            for (Future<Integer> caller : failed) {
                failures += caller.get();
            }
            callers.shutdown();

            int calls = CALLERS * CALLS_EACH;
            assertThat(failures).isEqualTo(calls);
            // without the budget: 5 x calls; with it: at most 10% of the first attempts (100), and
            // nearly that much, since the budget grows with every first attempt
            assertThat(dependency.attempts.get()).isBetween(calls + 90, calls + 100);
            long exhausted = events.events.stream().filter(event -> event instanceof RetryEvent retry && !retry.retrying())
                    .count();
            assertThat(exhausted).as("every call the budget refused a retry").isBetween((long) calls - 25, (long) calls);
            assertThat(context.getBean(MeterRegistry.class).get("sturdy.retry.budget.exhausted")
                    .tag("method", "Dependency#sync").tag("budget", "storm").counter().count()).isEqualTo(exhausted);
            assertThat(events.events).filteredOn(event -> event instanceof RetryEvent retry && !retry.retrying())
                    .first().isInstanceOfSatisfying(RetryEvent.class, retry -> {
                        assertThat(retry.exhaustedBudget()).isEqualTo("storm");
                        assertThat(retry.delay()).isNull();
                        assertThat(retry.failure()).isInstanceOf(IOException.class);
                    });
        }
    }

    @Test
    void aQuietServiceMayStillRetryAtTheFloorRate() {
        try (ApplicationContext context = run(Map.of("sturdy.retry-budgets.storm.ratio", "0",
                "sturdy.retry-budgets.storm.min-per-second", "2", "sturdy.retry-budgets.storm.window", "5s"))) {
            Dependency dependency = context.getBean(Dependency.class);

            for (int call = 0; call < 5; call++) {
                assertThatThrownBy(dependency::sync).isInstanceOf(IOException.class);
            }

            // 2 a second over 5 s: 10 retries, then none
            assertThat(dependency.attempts.get()).isEqualTo(5 + 10);
        }
    }

    @Test
    void asyncRetriesSpendTheSameBudget() {
        try (ApplicationContext context = run(Map.of("sturdy.retry-budgets.storm.ratio", "0.5",
                "sturdy.retry-budgets.storm.min-per-second", "0"))) {
            Dependency dependency = context.getBean(Dependency.class);

            ManualClock clock = context.getBean(ManualClock.class);
            for (int call = 0; call < 10; call++) {
                CompletableFuture<String> result = dependency.async();
                while (!result.isDone()) {
                    clock.advance(Duration.ZERO); // runs a retry the budget allowed
                }
                assertThatThrownBy(result::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
            }

            assertThat(dependency.attempts.get()).isEqualTo(10 + 5);
        }
    }

    @Test
    void aBudgetThatIsNotConfiguredFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> run(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:retry-budget] @Retry.budget on Dependency.sync(): no"
                        + " retry budget \"storm\" is configured; configure it under sturdy.retry-budgets.storm");
    }

    @Test
    void anInvalidBudgetValueFailsStartUpNamingTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> run(Map.of("sturdy.retry-budgets.storm.ratio", "-0.5")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:retry-budget-ratio] sturdy.retry-budgets.storm.ratio on @Retry(budget ="
                        + " \"storm\"): must be a number >= 0, but was -0.5");
        assertThatThrownBy(() -> run(Map.of("sturdy.retry-budgets.storm.window", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:retry-budget-window] sturdy.retry-budgets.storm.window on @Retry(budget ="
                        + " \"storm\"): must be a duration such as \"10s\" or \"500ms\", but was \"soon\"");
    }

    private static ApplicationContext run(Map<String, Object> budget) {
        Map<String, Object> properties = new HashMap<>(budget);
        properties.put("sturdy.clock", "manual");
        properties.put("sturdy-test.retry-budget", "true");
        properties.put("sturdy-test.events", "true");
        return ApplicationContext.run(properties);
    }

    /** A dependency that is down: every attempt fails. */
    @Singleton
    @Requires(property = "sturdy-test.retry-budget", value = "true")
    public static class Dependency {

        final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxAttempts = 5, delay = "0ms", jitter = 0, budget = "storm")
        public String sync() throws IOException {
            attempts.incrementAndGet();
            throw new IOException("down");
        }

        @Retry(maxAttempts = 5, delay = "0ms", jitter = 0, budget = "storm")
        public CompletableFuture<String> async() {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException("down"));
        }
    }
}
