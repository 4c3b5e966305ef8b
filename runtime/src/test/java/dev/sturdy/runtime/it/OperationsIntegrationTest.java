package dev.sturdy.runtime.it;

import dev.sturdy.exception.BulkheadFullException;
import dev.sturdy.exception.CircuitOpenException;
import dev.sturdy.exception.RateLimitExceededException;
import dev.sturdy.runtime.circuit.CircuitState;
import dev.sturdy.runtime.event.BulkheadRejectedEvent;
import dev.sturdy.runtime.event.CircuitStateChangedEvent;
import dev.sturdy.runtime.event.FallbackEvent;
import dev.sturdy.runtime.event.RateLimitedEvent;
import dev.sturdy.runtime.event.RetryEvent;
import dev.sturdy.runtime.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

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
import java.lang.reflect.Method;

/** What operators see: events, meters, the management endpoint, health; and the test clock users get. */
class OperationsIntegrationTest {

    private ApplicationContext context;
    private ScriptedDependency dependency;
    private StatefulServices.Inventory inventory;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.events", "true",
                "sturdy-test.slow-retry", "true"));
        dependency = context.getBean(ScriptedDependency.class);
        inventory = context.getBean(StatefulServices.Inventory.class);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        context.close();
    }

    private void failing() {
        dependency.script(request -> {
            throw new IOException("down");
        });
    }

    @Test
    void retriesCircuitChangesRejectionsAndFallbacksArePublishedAsEvents() throws Exception {
        failing();
        assertThatThrownBy(() -> inventory.reserve("bolt")).isInstanceOf(CircuitOpenException.class);
        assertThat(context.getBean(PricingService.class).quote("ACME")).startsWith("cached:");
        dependency.script(request -> "fine");
        inventory.limited("a");
        inventory.limited("b");
        assertThatThrownBy(() -> inventory.limited("c")).isInstanceOf(RateLimitExceededException.class);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dependency.script(request -> {
            inside.countDown();
            release.await();
            return "ok";
        });
        Future<String> holder = callers.submit(() -> inventory.exclusive("x"));
        assertThat(inside.await(10, SECONDS)).isTrue();
        assertThatThrownBy(() -> inventory.exclusive("y")).isInstanceOf(BulkheadFullException.class);
        release.countDown();
        holder.get(10, SECONDS);

        assertThat(context.getBean(CollectedEvents.class).events)
                .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(RetryEvent.class, retry -> {
                    assertThat(retry.method()).isEqualTo("Inventory#reserve");
                    assertThat(retry.attempt()).isEqualTo(1);
                    assertThat(retry.failure()).hasMessage("down");
                }))
                .contains(new CircuitStateChangedEvent("Inventory#reserve", CircuitState.CLOSED, CircuitState.OPEN))
                .contains(new RateLimitedEvent("Inventory#limited"))
                .contains(new BulkheadRejectedEvent("Inventory#exclusive"))
                .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(FallbackEvent.class,
                        fallback -> assertThat(fallback.method()).isEqualTo("PricingService#quote")));
    }

    @Test
    void metersCountCallsRetriesAndCircuitState() throws Exception {
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        dependency.script(request -> "fine");
        inventory.stock("a");
        inventory.stock("b");
        failing();
        assertThatThrownBy(() -> inventory.reserve("bolt")).isInstanceOf(CircuitOpenException.class);

        assertThat(meters.get("sturdy.calls").tag("method", "Inventory#stock").tag("outcome", "success").timer().count())
                .isEqualTo(2);
        assertThat(meters.get("sturdy.calls").tag("method", "Inventory#reserve").tag("outcome", "failure").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("sturdy.retry.attempts").tag("method", "Inventory#reserve").counter().count()).isEqualTo(2);
        assertThat(meters.get("sturdy.circuit.state").tag("breaker", "Inventory#reserve").gauge().value()).isEqualTo(1);
        assertThat(meters.get("sturdy.circuit.state").tag("breaker", "stock").gauge().value()).isZero();
        assertThat(meters.get("sturdy.circuit.transitions").tag("breaker", "Inventory#reserve").tag("to", "OPEN").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void anOperatorCanForceABreakerOpenClosedOrBackToNormal() throws Exception {
        Object endpoint = context.getBean(Class.forName("dev.sturdy.runtime.micronaut.management.SturdyEndpoint"));
        Method force = endpoint.getClass().getDeclaredMethod("circuitBreaker", String.class, String.class);
        force.setAccessible(true);
        dependency.script(request -> "fine");

        force.invoke(endpoint, "stock", "open");
        assertThatThrownBy(() -> inventory.stock("a")).isInstanceOf(CircuitOpenException.class)
                .hasMessage("circuit breaker stock is OPEN (forced by an operator): the call was not attempted");
        context.getBean(ManualClock.class).advance(Duration.ofHours(1));
        assertThatThrownBy(() -> inventory.stock("a")).as("stays open past its delay").isInstanceOf(CircuitOpenException.class);

        force.invoke(endpoint, "stock", "close");
        failing();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> inventory.stock("a")).as("forced closed: failures pass and are not counted")
                    .isInstanceOf(IOException.class);
        }

        force.invoke(endpoint, "stock", "reset");
        assertThatThrownBy(() -> inventory.stock("a")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> inventory.stock("a")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> inventory.stock("a")).as("back to normal: two failures in a window of two open it")
                .isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void healthNamesOpenBreakersAndStaysUpUnlessToldOtherwise() {
        failing();
        assertThatThrownBy(() -> inventory.reserve("bolt")).isInstanceOf(CircuitOpenException.class);

        HealthResult up = sturdyHealth(context);
        assertThat(up.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(up.getDetails()).asString().contains("openCircuitBreakers=[Inventory#reserve]");

        try (ApplicationContext strict = ApplicationContext.run(Map.of("sturdy.clock", "manual",
                "sturdy.health.down-when-open", "true"))) {
            strict.getBean(ScriptedDependency.class).script(request -> {
                throw new IOException("down");
            });
            assertThatThrownBy(() -> strict.getBean(StatefulServices.Inventory.class).reserve("bolt"))
                    .isInstanceOf(CircuitOpenException.class);
            assertThat(sturdyHealth(strict).getStatus()).isEqualTo(HealthStatus.DOWN);
        }
    }

    @Test
    void withTheTestClockAFiveAttemptRetryWithTenSecondDelaysTakesNoWallTime() {
        ManualClock clock = context.getBean(ManualClock.class);
        SlowlyRetried slow = context.getBean(SlowlyRetried.class);
        long wallStart = System.nanoTime();

        assertThatThrownBy(slow::call).isInstanceOf(IOException.class);

        assertThat(slow.attempts.get()).isEqualTo(5);
        assertThat(Duration.ofNanos(clock.nanoTime())).as("10 + 20 + 40 + 80 s of back-off, on the test clock")
                .isEqualTo(Duration.ofSeconds(150));
        assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).isLessThan(Duration.ofSeconds(1));
    }

    private static HealthResult sturdyHealth(ApplicationContext context) {
        return context.getBeansOfType(HealthIndicator.class).stream()
                .map(indicator -> Mono.from(indicator.getResult()).block())
                .filter(result -> result != null && result.getName().equals("sturdy"))
                .findFirst().orElseThrow();
    }
}
