package dev.sturdy.runtime.it;

import dev.sturdy.annotation.AdaptiveLimit;
import dev.sturdy.annotation.Bulkhead;
import dev.sturdy.exception.BulkheadFullException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @AdaptiveLimit} through a real application context: never more calls in flight than the
 * current limit, sync and async; the limit is a gauge; and it cannot be combined with a bulkhead.
 * How the limit moves is {@code AdaptiveLimiterTest}'s simulation.
 */
class AdaptiveLimitIntegrationTest {

    private ApplicationContext context;
    private Limited limited;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.adaptive-limit", "true"));
        limited = context.getBean(Limited.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void aSyncCallBeyondTheLimitIsRejectedAndAPermitComesBackWhenACallEnds() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = callers.submit(() -> limited.blocking(entered, release));
            Future<String> second = callers.submit(() -> limited.blocking(entered, release));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> limited.blocking(new CountDownLatch(0), new CountDownLatch(0)))
                    .isInstanceOf(BulkheadFullException.class)
                    .hasMessage("Limited#blocking: adaptive limit of 2 concurrent calls reached (2 in flight)");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(limited.blocking(new CountDownLatch(0), new CountDownLatch(0))).isEqualTo("done");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anAsyncCallHoldsItsPlaceUntilItsFutureCompletes() {
        CompletableFuture<String> gate = new CompletableFuture<>();
        CompletableFuture<String> first = limited.later(gate);
        CompletableFuture<String> second = limited.later(gate);

        assertThat(limited.later(gate)).isCompletedExceptionally();
        gate.complete("done");
        assertThat(first).isCompletedWithValue("done");
        assertThat(second).isCompletedWithValue("done");
        assertThat(limited.later(CompletableFuture.completedFuture("again"))).isCompletedWithValue("again");
    }

    @Test
    void theCurrentLimitIsAGauge() {
        MeterRegistry meters = context.getBean(MeterRegistry.class);

        assertThat(meters.get("sturdy.limit.current").tag("limit", "Limited#blocking").gauge().value()).isEqualTo(2);
        assertThat(meters.get("sturdy.limit.in-flight").tag("limit", "Limited#blocking").gauge().value()).isZero();
    }

    @Test
    void aMethodWithBothABulkheadAndAnAdaptiveLimitFailsStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy-test.adaptive-limit-and-bulkhead", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:adaptive-limit-with-bulkhead] @AdaptiveLimit on Both.m(): a method cannot carry"
                        + " both @Bulkhead and @AdaptiveLimit");
    }

    @Test
    void configuredBoundsOutOfOrderFailStartUpNamingThem() {
        String max = "sturdy.methods.\"dev.sturdy.runtime.it.AdaptiveLimitIntegrationTest$Limited#blocking\".adaptive-limit.max";
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("sturdy.clock", "manual", "sturdy-test.adaptive-limit", "true",
                max, "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:adaptive-limit-bounds] @AdaptiveLimit on Limited.blocking(CountDownLatch,"
                        + " CountDownLatch): must have min <= initial <= max, but has min 1, initial 2, max 1");
    }

    /** Calls that stay in flight until the test lets them end. */
    @Singleton
    @Requires(property = "sturdy-test.adaptive-limit", value = "true")
    public static class Limited {

        @AdaptiveLimit(initial = 2, max = 10)
        public String blocking(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
            entered.countDown();
            release.await();
            return "done";
        }

        @AdaptiveLimit(initial = 2, max = 10)
        public CompletableFuture<String> later(CompletableFuture<String> gate) {
            return gate;
        }
    }

    /** Misdeclared: both bound the calls in flight. */
    @Singleton
    @Requires(property = "sturdy-test.adaptive-limit-and-bulkhead", value = "true")
    public static class Both {

        @AdaptiveLimit
        @Bulkhead
        public String m() {
            return "";
        }
    }
}
