package dev.sturdy.runtime.it;

import dev.sturdy.annotation.CircuitBreaker;
import dev.sturdy.annotation.Fallback;
import dev.sturdy.annotation.Retry;
import dev.sturdy.runtime.chaos.ChaosPolicy;
import dev.sturdy.runtime.event.ChaosEvent;
import dev.sturdy.runtime.micronaut.beans.ChaosSwitches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault injection through a real application context: injected at the method, so the retry, the
 * breaker and the fallback all see it; off unless configuration allows it; configured values
 * checked at start-up.
 */
class ChaosIntegrationTest {

    private static final String QUOTE = "sturdy.chaos.methods.\"dev.sturdy.runtime.it.ChaosIntegrationTest$Shaky#quote\".";

    private static ApplicationContext run(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of("sturdy.clock", "manual", "sturdy-test.chaos", "true",
                "sturdy-test.events", "true"));
        properties.putAll(extra);
        return ApplicationContext.run(properties);
    }

    @Test
    void injectedFaultsAreRetriedOpenTheBreakerAndTheFallbackAnswers() {
        try (ApplicationContext context = run(Map.of("sturdy.chaos.enabled", "true", QUOTE + "fault-rate", "1",
                QUOTE + "exception", "java.io.IOException"))) {
            Shaky shaky = context.getBean(Shaky.class);

            for (int call = 0; call < 4; call++) {
                assertThat(shaky.quote("ACME")).isEqualTo("cached:ACME");
            }

            assertThat(shaky.bodies.get()).as("the method never ran").isZero();
            // two calls of two attempts each fill the window of four and open the breaker; the next two are refused
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("sturdy.chaos.injected").tag("method", "Shaky#quote").tag("kind", "fault").counter().count())
                    .isEqualTo(4);
            assertThat(meters.get("sturdy.circuit.state").tag("breaker", "Shaky#quote").gauge().value()).isEqualTo(1);
            assertThat(context.getBean(CollectedEvents.class).events).filteredOn(ChaosEvent.class::isInstance).hasSize(4)
                    .allSatisfy(event -> assertThat(((ChaosEvent) event).fault()).isInstanceOf(IOException.class));
        }
    }

    @Test
    void switchedAtRunTimeItStartsAndStops() {
        try (ApplicationContext context = run(Map.of("sturdy.chaos.enabled", "true"))) {
            Shaky shaky = context.getBean(Shaky.class);
            ChaosSwitches switches = context.getBean(ChaosSwitches.class);
            assertThat(shaky.quote("A")).isEqualTo("live:A");

            switches.find("Shaky#quote").get(0).getValue().set(new ChaosPolicy("Shaky#quote", 1, IOException.class,
                    Duration.ZERO, 0));
            assertThat(shaky.quote("B")).isEqualTo("cached:B");
            switches.find("Shaky#quote").get(0).getValue().set(null);
            assertThat(shaky.unprotectedByBreaker()).isEqualTo("fine");
        }
    }

    @Test
    void withoutSturdyChaosEnabledNothingIsInjectedWhateverIsConfigured() {
        try (ApplicationContext context = run(Map.of(QUOTE + "fault-rate", "1"))) {
            Shaky shaky = context.getBean(Shaky.class);

            assertThat(shaky.quote("ACME")).isEqualTo("live:ACME");
            assertThat(context.getBean(ChaosSwitches.class).all()).isEmpty();
            assertThatThrownBy(() -> context.getBean(ChaosSwitches.class).of("x#y", () -> null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("sturdy.chaos.enabled");
        }
    }

    @Test
    void invalidValuesFailStartUpNamingTheKey() {
        assertThatThrownBy(() -> run(Map.of("sturdy.chaos.enabled", "true", QUOTE + "fault-rate", "2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:chaos-fault-rate] " + QUOTE + "fault-rate on Shaky#quote: must be a number"
                        + " >= 0 and <= 1, but was \"2\"");
        assertThatThrownBy(() -> run(Map.of("sturdy.chaos.enabled", "true", QUOTE + "exception", "com.acme.Missing")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:chaos-exception] " + QUOTE + "exception on Shaky#quote: must name an"
                        + " exception class on the class path, fully qualified, but was \"com.acme.Missing\"");
        assertThatThrownBy(() -> run(Map.of("sturdy.chaos.enabled", "true", QUOTE + "exception", "java.lang.String")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must name a subclass of Exception, but was \"java.lang.String\"");
        assertThatThrownBy(() -> run(Map.of("sturdy.chaos.enabled", "true", QUOTE + "latency", "-1s")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[sturdy:chaos-latency] " + QUOTE + "latency on Shaky#quote: must be a duration");
    }

    /** A dependency's client: retried, behind a breaker, with a cached answer. */
    @Singleton
    @Requires(property = "sturdy-test.chaos", value = "true")
    public static class Shaky {

        final AtomicInteger bodies = new AtomicInteger();

        @Retry(maxAttempts = 2, delay = "0ms")
        @CircuitBreaker(window = 4, failureRatio = 0.5, delay = "1m")
        @Fallback(method = "cached")
        public String quote(String symbol) {
            bodies.incrementAndGet();
            return "live:" + symbol;
        }

        String cached(String symbol) {
            return "cached:" + symbol;
        }

        @Retry
        public String unprotectedByBreaker() {
            return "fine";
        }
    }
}
