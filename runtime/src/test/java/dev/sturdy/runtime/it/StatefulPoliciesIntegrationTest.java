package dev.sturdy.runtime.it;

import dev.sturdy.exception.BulkheadFullException;
import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.exception.RateLimitExceededException;
import dev.sturdy.exception.TimeoutExceededException;
import dev.sturdy.runtime.time.ManualClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatefulPoliciesIntegrationTest {

    private ApplicationContext context;
    private ManualClock clock;
    private ScriptedDependency dependency;
    private StatefulServices.Inventory inventory;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual"));
        clock = context.getBean(ManualClock.class);
        dependency = context.getBean(ScriptedDependency.class);
        inventory = context.getBean(StatefulServices.Inventory.class);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        context.close();
    }

    @Test
    void breakersWithTheSameNameShareOneStateAcrossBeans() throws Exception {
        dependency.script(request -> {
            throw new IOException("down");
        });
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> inventory.stock("bolt")).isInstanceOf(IOException.class);
        }

        assertThatThrownBy(() -> context.getBean(StatefulServices.Warehouse.class).stock("bolt"))
                .isInstanceOf(CircuitOpenException.class)
                .hasMessage("circuit breaker stock is OPEN: the call was not attempted");
    }

    @Test
    void retryThatMeetsAnOpenBreakerStopsWhenRetryOnDoesNotCoverIt() {
        dependency.script(request -> {
            throw new IOException("down");
        });

        assertThatThrownBy(() -> inventory.reserve("bolt"))
                .isInstanceOf(CircuitOpenException.class)
                .satisfies(open -> assertThat(open.getSuppressed()).hasSize(2).allMatch(IOException.class::isInstance));
        assertThat(dependency.calls()).hasSize(2);
    }

    @Test
    void timeoutsInsideTheBreakerCountAsFailures() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        dependency.script(request -> {
            hung.countDown();
            new CountDownLatch(1).await();
            return "never";
        });
        Future<String> caller = callers.submit(() -> inventory.slowLookup("bolt"));
        assertThat(hung.await(10, SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(100));
        assertThatThrownBy(() -> caller.get(10, SECONDS)).cause().isInstanceOf(TimeoutExceededException.class);

        assertThatThrownBy(() -> inventory.slowLookup("bolt")).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void bulkheadRejectionsInsideTheBreakerCountAsFailures() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dependency.script(request -> {
            inside.countDown();
            release.await();
            return "done";
        });
        Future<String> holder = callers.submit(() -> inventory.exclusive("bolt"));
        assertThat(inside.await(10, SECONDS)).isTrue();

        assertThatThrownBy(() -> inventory.exclusive("bolt")).isInstanceOf(BulkheadFullException.class);
        release.countDown();
        assertThat(holder.get(10, SECONDS)).isEqualTo("done");

        assertThatThrownBy(() -> inventory.exclusive("bolt"))
                .as("the rejection was the last call in a window of 1").isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void rateLimitRefillsWithTheClock() throws Exception {
        inventory.limited("a");
        inventory.limited("b");
        assertThatThrownBy(() -> inventory.limited("c")).isInstanceOf(RateLimitExceededException.class)
                .hasMessage("rate limit Inventory#limited (2 per 1s) had no token within 0ms");

        clock.advance(Duration.ofMillis(500));
        assertThat(inventory.limited("c")).isEqualTo("real:c");
    }

    @Test
    void sharedNameDeclaredWithOtherAttributesFailsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.conflict", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:circuit-breaker-name-conflict] @CircuitBreaker.name on ")
                .hasMessageContaining("\"stock\" is also declared by ")
                .hasMessageContaining("; methods that share a name must declare identical attributes");
    }
}
