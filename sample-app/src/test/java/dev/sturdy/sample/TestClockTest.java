package dev.sturdy.sample;

import dev.sturdy.runtime.time.ManualClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How to test code protected by Sturdy without waiting: {@code sturdy.clock: manual} swaps in a
 * {@link ManualClock}, so retries back off on the test clock, not the wall clock.
 */
@MicronautTest
@Property(name = "sturdy.clock", value = "manual")
@Property(name = "sample.flaky.failure-rate", value = "1")
@Property(name = "sturdy.methods.dev.sturdy.sample.QuoteService#quote.retry.delay", value = "10s")
@Property(name = "sturdy.methods.dev.sturdy.sample.QuoteService#quote.retry.jitter", value = "0")
@Property(name = "sturdy.methods.dev.sturdy.sample.QuoteService#quote.retry.max-delay", value = "1m")
class TestClockTest {

    @Inject
    QuoteService quotes;

    @Inject
    ManualClock clock;

    @Test
    void retriesBackOffOnTheTestClock() throws Exception {
        long wallStart = System.nanoTime();

        Quote quote = quotes.quote("ACME");

        assertThat(quote.source()).isEqualTo("fallback");
        assertThat(Duration.ofNanos(clock.nanoTime())).as("10 s, then 20 s, between the three attempts")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).isLessThan(Duration.ofSeconds(1));
    }
}
